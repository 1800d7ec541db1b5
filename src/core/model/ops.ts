// Three small ops the model is built on, each written around a tfjs 4.22 backend quirk.

import * as tf from '@tensorflow/tfjs';

/**
 * One-hot rows as float32. Built as int32 and then cast: the wasm backend ignores the dtype
 * argument of tf.oneHot and writes int32 bits into a float32 tensor (so "1" reads as 1.4e-45).
 */
export function oneHotFloat(indices: tf.Tensor, depth: number): tf.Tensor {
  return tf.cast(tf.oneHot(tf.cast(indices, 'int32') as tf.Tensor1D, depth), 'float32');
}

function swapLastTwo(t: tf.Tensor): tf.Tensor {
  const axes = t.shape.map((_, i) => i);
  [axes[t.rank - 2], axes[t.rank - 1]] = [axes[t.rank - 1], axes[t.rank - 2]];
  return tf.transpose(t, axes);
}

function checkBatchDims(a: tf.Tensor, b: tf.Tensor): void {
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  if (a.rank < 2 || !tf.util.arraysEqual(batchA, batchB) || a.shape[a.rank - 1] !== b.shape[b.rank - 2]) {
    throw new RangeError(`matMul: shapes [${a.shape}] and [${b.shape}] do not multiply (same batch dimensions required).`);
  }
}

type Save = (tensors: tf.Tensor[]) => void;

const matMulWithTransposedGrads = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: Save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.matMul(dy, swapLastTwo(saved[1])), tf.matMul(swapLastTwo(saved[0]), dy)],
  };
}) as never) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * a @ b over the last two axes (batch axes must match), with a gradient built from explicit
 * transposes. The built-in gradient calls matMul with transposeA/transposeB, which on the wasm
 * backend is 10-40x slower than transposing first (measured in Node: [768,2048]^T @ [768,128]
 * takes 670 ms with the flag and 18 ms with an explicit transpose).
 */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  checkBatchDims(a, b);
  return matMulWithTransposedGrads(a, b) as T;
}

const constantTimesTable = tf.customGrad(((rows: tf.Tensor, table: tf.Tensor, save: Save) => {
  save([rows]);
  return {
    value: tf.matMul(rows, table),
    // The constant gets a zero gradient (customGrad needs one per input; a fill is cheap).
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.zerosLike(saved[0]), tf.matMul(swapLastTwo(saved[0]), dy)],
  };
}) as never) as unknown as (rows: tf.Tensor, table: tf.Tensor) => tf.Tensor;

/**
 * rows @ table where rows is a constant (one-hot ids or a position selector): the table's
 * gradient is rows^T @ dy and no matMul is spent on a gradient for the constant. This is an
 * embedding lookup whose gradient is a matMul, not tf.gather (whose gradient,
 * UnsortedSegmentSum, the wasm backend lacks).
 */
export function constantTimes<T extends tf.Tensor>(rows: T, table: tf.Tensor): T {
  checkBatchDims(rows, table);
  return constantTimesTable(rows, table) as T;
}
