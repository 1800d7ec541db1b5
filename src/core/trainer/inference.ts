// Batched forward passes over encoded pairs: grade logits and pooled [CLS] states, in input order.
// Rows are sorted by length so each batch pads little; every tensor lives inside one tf.tidy.
import * as tf from '@tensorflow/tfjs';
import { classify, type Gpt } from '../model/gpt';
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
  /** Called after each batch with the rows done so far. */
  onBatch?: (done: number, total: number) => void | Promise<void>;
}

export async function runInference(model: Gpt, sequences: readonly Int32Array[], options: InferenceOptions = {}): Promise<InferenceOutput> {
  const { config } = model;
  const K = config.numClasses;
  const d = config.dModel;
  const rows = sequences.length;
  const logits = new Float32Array(rows * K);
  const pooled = options.pooled ? new Float32Array(rows * d) : null;
  let done = 0;
  for (const indices of inferenceBatches(sequences.map((s) => s.length), options.batchSize ?? 32)) {
    const batch = padRows(sequences, indices, config.padId);
    const [logitTensor, pooledTensor] = tf.tidy(() => {
      const ids = tf.tensor2d(batch.ids, [batch.rows, batch.length], 'int32');
      const out = classify(config, model.params, { ids, pooledIndex: tf.tensor1d(batch.pooledIndex!, 'int32') });
      return [out.logits, out.pooled];
    });
    try {
      const [z, h] = await Promise.all([logitTensor.data(), pooled ? pooledTensor.data() : Promise.resolve(null)]);
      indices.forEach((index, row) => {
        logits.set(z.subarray(row * K, (row + 1) * K), index * K);
        if (pooled && h) pooled.set(h.subarray(row * d, (row + 1) * d), index * d);
      });
    } finally {
      logitTensor.dispose();
      pooledTensor.dispose();
    }
    done += indices.length;
    await options.onBatch?.(done, rows);
  }
  return { rows, logits, pooled };
}
