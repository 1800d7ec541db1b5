// k-th nearest neighbour search on the active tfjs backend: query blocks times the train matrix,
// then topk per block. Works on cpu, wasm, webgl and webgpu; reads results asynchronously.
import * as tf from '@tensorflow/tfjs';
import { unitDistance } from './knn-exact';
import type { Matrix } from './matrix';

export const DEFAULT_BLOCK_ROWS = 1024;

/** Distance from each (unit) query row to its k-th nearest (unit) train row; leaves no tensors behind. */
export async function knnDistancesTf(train: Matrix, queries: Matrix, k: number, blockRows = DEFAULT_BLOCK_ROWS): Promise<Float64Array> {
  await tf.ready();
  const d = train.cols;
  const out = new Float64Array(queries.rows);
  // Laid out as [d, n] once: a plain (untransposed) matMul is many times faster on wasm (XNNPACK).
  const trainByColumn = tf.tidy(() => tf.transpose(tf.tensor2d(train.data, [train.rows, d])));
  try {
    for (let start = 0; start < queries.rows; start += blockRows) {
      const end = Math.min(queries.rows, start + blockRows);
      const kthSimilarity = tf.tidy(() => {
        const block = tf.tensor2d(queries.data.subarray(start * d, end * d), [end - start, d]);
        const similarities = tf.matMul(block, trainByColumn);
        // The smallest of the k largest similarities is the k-th nearest neighbour, sorted or not.
        return tf.min(tf.topk(similarities, k, true).values, 1);
      });
      try {
        const values = await kthSimilarity.data();
        for (let i = 0; i < values.length; i++) out[start + i] = unitDistance(values[i]);
      } finally {
        kthSimilarity.dispose();
      }
    }
  } finally {
    trainByColumn.dispose();
  }
  return out;
}
