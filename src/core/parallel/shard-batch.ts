// Splitting one training batch into row shards whose gradients add up to the whole batch's.
//
// The step's loss is a mean: over the non-pad LM targets (causal LM) or over the rows (the OCC
// loss, every term a row mean). A shard's own loss is the same mean over its part, so
//   grad(loss) = sum over shards s of weight_s * grad(loss_s),  weight_s = count_s / total count,
// with count = LM targets or rows. The split is exact, not an approximation.

import type { Objective, TokenBatch } from '../training/step/train-step';
import { TrainingThreadCountError } from './errors';

export interface BatchShard {
  batch: TokenBatch;
  /** This shard's share of the batch loss (the weights sum to 1). */
  weight: number;
}

/** Positions t whose target ids[t + 1] is not padding: what lmLoss averages over. */
export function lmTargetCount(batch: TokenBatch, padId: number): number {
  let count = 0;
  for (let r = 0; r < batch.rows; r++) {
    const base = r * batch.length;
    for (let t = 1; t < batch.length; t++) if (batch.ids[base + t] !== padId) count++;
  }
  return count;
}

function rowsOf(batch: TokenBatch, start: number, end: number): TokenBatch {
  const { length } = batch;
  return {
    ids: batch.ids.slice(start * length, end * length),
    rows: end - start,
    length,
    pooledIndex: batch.pooledIndex?.slice(start, end),
    labels: batch.labels?.slice(start, end),
  };
}

/**
 * At most `shards` contiguous row ranges of near-equal size (fewer when the batch has fewer rows),
 * each with its weight. A batch with no LM target at all weighs its shards by rows (its loss is 0).
 */
export function shardBatch(batch: TokenBatch, objective: Objective, shards: number, padId: number): BatchShard[] {
  if (!Number.isInteger(shards) || shards < 1) throw new TrainingThreadCountError(`shardBatch: shards must be a positive integer, got ${shards}.`, { shards });
  const count = Math.min(shards, batch.rows);
  const parts: TokenBatch[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(rowsOf(batch, Math.floor((i * batch.rows) / count), Math.floor(((i + 1) * batch.rows) / count)));
  }
  const sizes = parts.map((part) => (objective.kind === 'lm' ? lmTargetCount(part, padId) : part.rows));
  const total = sizes.reduce((a, b) => a + b, 0);
  return parts.map((part, i) => ({ batch: part, weight: total > 0 ? sizes[i] / total : part.rows / batch.rows }));
}
