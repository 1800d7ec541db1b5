// Test support: how far one tensor is from another, relative to the other's scale (so elements near
// zero, as moments often are, do not blow it up).
import type * as tf from '@tensorflow/tfjs';

/** max |a - b| over max |b|; Infinity when the sizes differ or a NaN appears. */
export function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  const [x, y] = [a.dataSync(), b.dataSync()];
  if (x.length !== y.length) return Infinity;
  let worst = 0;
  let scale = 1e-30;
  for (let i = 0; i < y.length; i++) {
    worst = Math.max(worst, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return Number.isNaN(worst) ? Infinity : worst / scale;
}
