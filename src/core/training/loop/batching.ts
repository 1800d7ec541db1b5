// Batches bucketed by length. Each epoch: shuffle all indices (seeded), cut the order into chunks
// of `chunkBatches` batches, sort each chunk by length, cut it into batches, then shuffle the
// batches. Rows of similar length share a batch (little padding) while the order stays random.
// Every batch is padded on the right to its own longest row.
import { createRng } from '../../random';
import type { TokenBatch } from '../step/train-step';
import { TrainerInputError } from './errors';

export interface BucketOptions {
  batchSize: number;
  seed: number;
  /** Batches per sorted chunk: larger packs tighter, smaller keeps more randomness. Default 32. */
  chunkBatches?: number;
}

export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.ceil(count / batchSize);
}

/** The batches of one epoch as lists of example indices. The same (lengths, seed, epoch) give the same batches. */
export function epochBatches(lengths: ArrayLike<number>, epoch: number, options: BucketOptions): number[][] {
  const { batchSize, seed, chunkBatches = 32 } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TrainerInputError(`batch size must be a positive integer, got ${batchSize}.`);
  if (lengths.length === 0) throw new TrainerInputError('no examples to batch.');
  const rng = createRng(`batches/${seed}/${epoch}`);
  const order = rng.shuffle(Array.from({ length: lengths.length }, (_, i) => i));
  const chunkSize = batchSize * Math.max(1, chunkBatches);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += chunkSize) {
    // A stable sort: equal lengths keep their shuffled order.
    const chunk = order.slice(start, start + chunkSize).sort((a, b) => lengths[a] - lengths[b]);
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  return rng.shuffle(batches);
}

/** Batches in input order, sorted by length inside windows of `batchSize * 8` (for inference). */
export function inferenceBatches(lengths: ArrayLike<number>, batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TrainerInputError(`batch size must be a positive integer, got ${batchSize}.`);
  const order = Array.from({ length: lengths.length }, (_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const batches: number[][] = [];
  for (let b = 0; b < order.length; b += batchSize) batches.push(order.slice(b, b + batchSize));
  return batches;
}

/**
 * The rows at `indices`, right-padded with padId to the longest of them. pooledIndex is each
 * row's last real position (the [CLS] of a relevance prompt); labels are copied when given.
 */
export function padRows(sequences: readonly Int32Array[], indices: readonly number[], padId: number, labels?: Int32Array | null): TokenBatch {
  let length = 0;
  for (const i of indices) length = Math.max(length, sequences[i].length);
  const rows = indices.length;
  const ids = new Int32Array(rows * length).fill(padId);
  const pooledIndex = new Int32Array(rows);
  indices.forEach((index, row) => {
    const sequence = sequences[index];
    ids.set(sequence, row * length);
    pooledIndex[row] = sequence.length - 1;
  });
  const batch: TokenBatch = { ids, rows, length, pooledIndex };
  if (labels) batch.labels = Int32Array.from(indices, (i) => labels[i]);
  return batch;
}

/** Non-padding tokens of a batch (what tokens/s counts). */
export function realTokens(batch: TokenBatch): number {
  return batch.pooledIndex ? batch.pooledIndex.reduce((sum, last) => sum + last + 1, 0) : batch.rows * batch.length;
}
