// Test support: compares tfjs autodiff with central differences, in float32.

import * as tf from '@tensorflow/tfjs';

export interface GradientComparison {
  analytic: Float32Array;
  numeric: Float32Array;
  /** Largest |analytic - numeric| / (atol + rtol * |numeric|); at most 1 means they agree. */
  worstRatio: number;
}

/**
 * Gradient of f at x by autodiff and by (f(x + h e_i) - f(x - h e_i)) / 2h for each entry.
 * f must return a scalar and must not keep tensors.
 */
export function compareGradients(
  f: (x: tf.Tensor) => tf.Scalar,
  values: Float32Array,
  shape: number[],
  options: { h?: number; atol?: number; rtol?: number } = {},
): GradientComparison {
  const { h = 1e-2, atol = 1e-3, rtol = 1e-2 } = options;
  const evaluate = (data: Float32Array): number => tf.tidy(() => f(tf.tensor(data, shape)).dataSync()[0]);
  const analytic = tf.tidy(() => tf.grad(f)(tf.tensor(values, shape)).dataSync() as Float32Array);
  const numeric = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const plus = values.slice();
    const minus = values.slice();
    plus[i] += h;
    minus[i] -= h;
    numeric[i] = (evaluate(plus) - evaluate(minus)) / (2 * h);
  }
  let worstRatio = 0;
  for (let i = 0; i < values.length; i++) {
    worstRatio = Math.max(worstRatio, Math.abs(analytic[i] - numeric[i]) / (atol + rtol * Math.abs(numeric[i])));
  }
  return { analytic, numeric, worstRatio };
}
