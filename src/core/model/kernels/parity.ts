// Test support: a fused op against the tfjs composition it replaces, values and gradients, on one backend.
import * as tf from '@tensorflow/tfjs';

export interface ParityCase {
  /** Inputs as plain numbers (so every backend gets the same ones) with their shapes. */
  inputs: { values: number[]; shape: number[]; dtype?: 'float32' | 'int32' }[];
  /** Which inputs get a gradient (by index). */
  differentiable: number[];
}

export interface ParityResult {
  /** Largest |fused - composition| over the output values. */
  valueError: number;
  /** Largest |fused - composition| over every gradient, each scaled by the largest |gradient| it has (at least 1). */
  gradientError: number;
  /** Tensors left behind by both runs. */
  leakedTensors: number;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return Number.isNaN(worst) ? Infinity : worst;
}

function maxAbs(a: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]));
  return worst;
}

/** Values and gradients (of sum(out * weights), weights fixed and random) of `op` on the active backend. */
function run(op: (inputs: tf.Tensor[]) => tf.Tensor, testCase: ParityCase, seed: number): { value: Float32Array; grads: Float32Array[] } {
  return tf.tidy(() => {
    const inputs = testCase.inputs.map(({ values, shape, dtype }) => tf.tensor(values, shape, dtype ?? 'float32'));
    const value = op(inputs);
    const weights = tf.randomUniform(value.shape, -1, 1, 'float32', seed);
    const differentiable = testCase.differentiable.map((i) => inputs[i]);
    if (differentiable.length === 0) return { value: value.dataSync() as Float32Array, grads: [] };
    const grads = tf.grads((...xs: tf.Tensor[]) => {
      const all = inputs.map((t, i) => {
        const at = testCase.differentiable.indexOf(i);
        return at >= 0 ? xs[at] : t;
      });
      return tf.sum(tf.mul(op(all), weights));
    })(differentiable);
    return { value: value.dataSync() as Float32Array, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}

/** Compares `fused` with `composition` on the active backend. */
export function checkParity(fused: (inputs: tf.Tensor[]) => tf.Tensor, composition: (inputs: tf.Tensor[]) => tf.Tensor, testCase: ParityCase, seed = 7): ParityResult {
  const before = tf.memory().numTensors;
  const a = run(fused, testCase, seed);
  const b = run(composition, testCase, seed);
  const gradientError = Math.max(0, ...a.grads.map((g, i) => maxAbsDiff(g, b.grads[i]) / Math.max(1, maxAbs(b.grads[i]))));
  return { valueError: maxAbsDiff(a.value, b.value), gradientError, leakedTensors: tf.memory().numTensors - before };
}

/** Deterministic values in [-scale, scale) for test inputs. */
export function testValues(size: number, seed: number, scale = 1): number[] {
  let state = seed >>> 0 || 1;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out.push(((state / 2 ** 32) * 2 - 1) * scale);
  }
  return out;
}
