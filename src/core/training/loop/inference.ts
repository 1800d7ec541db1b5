// Batched forward passes over encoded pairs: grade logits and pooled [CLS] states, in input order.
// Rows are sorted by length so each batch pads little; every tensor lives inside one tf.tidy.
// With a gradient pool, batches are spread over this thread and the pool's helpers.
import { headInputSize, type Gpt } from '../../model/gpt';
import type { GradientPool } from '../../parallel/gradient-pool';
import { spreadInference } from '../../parallel/parallel-inference';
import { inferBatch, type BatchRows } from '../../parallel/shard-inference';
import { inferenceBatches, padRows } from './batching';

export interface InferenceOutput {
  rows: number;
  /** [rows, numClasses] row-major. */
  logits: Float32Array;
  /** [rows, dModel] row-major, when asked for. */
  pooled: Float32Array | null;
}

export interface InferenceOptions {
  batchSize?: number;
  pooled?: boolean;
  /** Called after each batch with the rows done so far (in order of completion; calls never overlap). */
  onBatch?: (done: number, total: number) => void | Promise<void>;
  /** Helper threads to share the batches with (the host's, passed down); absent or null: this thread alone. */
  pool?: GradientPool | null;
}

export async function runInference(model: Gpt, sequences: readonly Int32Array[], options: InferenceOptions = {}): Promise<InferenceOutput> {
  const { config } = model;
  const K = config.numClasses;
  const d = headInputSize(config);
  const rows = sequences.length;
  const logits = new Float32Array(rows * K);
  const pooled = options.pooled ? new Float32Array(rows * d) : null;
  const batches = inferenceBatches(sequences.map((s) => s.length), options.batchSize ?? 32);
  const batchAt = (j: number) => padRows(sequences, batches[j], config.padId);
  let done = 0;
  const place = async (j: number, out: BatchRows) => {
    const indices = batches[j];
    indices.forEach((index, row) => {
      logits.set(out.logits.subarray(row * K, (row + 1) * K), index * K);
      if (pooled && out.pooled) pooled.set(out.pooled.subarray(row * d, (row + 1) * d), index * d);
    });
    done += indices.length;
    await options.onBatch?.(done, rows);
  };

  const pool = options.pool ?? null;
  if (pool && pool.threads > 0 && batches.length > 1) {
    await spreadInference(model, batches.length, batchAt, pooled !== null, pool, place);
  } else {
    for (let j = 0; j < batches.length; j++) await place(j, await inferBatch(config, model.params, batchAt(j), pooled !== null));
  }
  return { rows, logits, pooled };
}
