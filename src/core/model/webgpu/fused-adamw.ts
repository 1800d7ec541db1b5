// Gradient clipping by global norm and the AdamW update on webgpu in a few dispatches: the sum of
// squares of every gradient in one dispatch per six gradients, then per parameter three dispatches
// (first moment, second moment, parameter) that clip the gradient themselves from that sum. Every
// number is a uniform, so a step uploads no scalar tensors. Same arithmetic, in the same order, as
// training/step/clip.ts and adamw.ts.
import * as tf from '@tensorflow/tfjs';
import { SQUARES_PER_DISPATCH, adamMomentProgram, adamParamProgram, sumOfSquaresProgram } from './adamw-programs';
import { f32, i32, runProgram } from './run-program';

/** Sum of the squares of every element of `grads`, as a [1] tensor. */
export function sumOfSquares(grads: readonly tf.Tensor[]): tf.Tensor1D {
  let total: tf.Tensor | null = null;
  for (let i = 0; i < grads.length; i += SQUARES_PER_DISPATCH) {
    const chunk = grads.slice(i, i + SQUARES_PER_DISPATCH).map((g) => tf.reshape(g, [-1]));
    total = runProgram(sumOfSquaresProgram(chunk.length, total !== null), total === null ? chunk : [total, ...chunk]);
  }
  return (total ?? tf.zeros([1])) as tf.Tensor1D;
}

export interface GpuClipping {
  /** sumOfSquares() of all the gradients of the step. */
  sumOfSquares: tf.Tensor1D;
  /** Global-norm threshold; Infinity: no clipping. */
  maxNorm: number;
}

export interface AdamWStepNumbers {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** sqrt(1 - beta2^t). */
  sqrtCorrection2: number;
  /** 1 - lr * weightDecay, or null when the parameter does not decay. */
  decay: number | null;
  /** lr / (1 - beta1^t). */
  stepSize: number;
}

/** The parameter's next value and moments; the caller assigns them. */
export function adamWStep(param: tf.Tensor, m: tf.Tensor, v: tf.Tensor, grad: tf.Tensor, clipping: GpuClipping, numbers: AdamWStepNumbers): { param: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const size = param.size;
  const flat = (t: tf.Tensor) => tf.reshape(t, [size]);
  const clip = Number.isFinite(clipping.maxNorm);
  const clipUniforms = [f32(clip ? clipping.maxNorm : 1), i32(clip ? 1 : 0)];
  const g = flat(grad);
  const nextM = runProgram(adamMomentProgram(size, false), [flat(m), g, clipping.sumOfSquares], [f32(numbers.beta1), f32(1 - numbers.beta1), ...clipUniforms]);
  const nextV = runProgram(adamMomentProgram(size, true), [flat(v), g, clipping.sumOfSquares], [f32(numbers.beta2), f32(1 - numbers.beta2), ...clipUniforms]);
  const next = runProgram(adamParamProgram(size), [flat(param), nextM, nextV], [
    f32(numbers.sqrtCorrection2), f32(numbers.epsilon), f32(numbers.decay ?? 1), f32(numbers.stepSize), i32(numbers.decay === null ? 0 : 1),
  ]);
  return { param: tf.reshape(next, param.shape), m: tf.reshape(nextM, m.shape), v: tf.reshape(nextV, v.shape) };
}
