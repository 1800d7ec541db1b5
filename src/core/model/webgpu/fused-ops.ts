// The transformer block's fused kernels on webgpu, each one tfjs op with a hand-written gradient
// (tf.customGrad) whose forward and backward are one or a few WGSL dispatches (block-programs.ts) instead of
// the tfjs composition of ops.ts and gpt.ts, which they equal up to float rounding.
import * as tf from '@tensorflow/tfjs';
import {
  biasGeluGradProgram,
  biasGeluProgram,
  columnSumProgram,
  crossEntropyGradProgram,
  crossEntropyProgram,
  layerNormGainGradProgram,
  layerNormGradProgram,
  layerNormProgram,
  layerNormStatsProgram,
  maskedSoftmaxProgram,
  softmaxGradProgram,
} from './block-programs';
import { checkedGradient } from '../broken-gradients';
import { f32, i32, runProgram } from './run-program';

type Save = (tensors: tf.Tensor[]) => void;

export { breakFusedGradientForTests, type FusedKernelName } from '../broken-gradients';
const checked = checkedGradient;

/** Sum over the rows of x [N, F]. */
export function columnSum(x: tf.Tensor2D): tf.Tensor1D {
  return runProgram(columnSumProgram(x.shape[1]), [x]) as tf.Tensor1D;
}

const matMulOp = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: Save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, [as, bs]: tf.Tensor[]) => [checked('matMul', tf.matMul(dy, bs, false, true)), tf.matMul(as, dy, true, false)],
  };
}) as never) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * a @ b over the last two axes (matching batch axes), with gradients from tfjs's transpose flags:
 * one dispatch each on webgpu, where ops.ts's explicit transposes (a wasm workaround) cost two more.
 */
export function fusedMatMul<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  return matMulOp(a, b) as T;
}

const linearOp = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Save) => {
  save([x, w]);
  return {
    value: tf.fused.matMul({ a: x, b: w, bias: b }),
    gradFunc: (dy: tf.Tensor2D, [xs, ws]: tf.Tensor[]) => [
      checked('linear', tf.matMul(dy, ws as tf.Tensor2D, false, true)),
      tf.matMul(xs as tf.Tensor2D, dy, true, false),
      columnSum(dy),
    ],
  };
}) as never) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** x [N, in] @ w [in, out] + b: one dispatch forward (bias in the product), three backward. */
export function fusedLinear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return linearOp(x, w, b);
}

const linearGeluOp = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Save) => {
  const h = tf.matMul(x, w);
  save([x, w, h, b]);
  return {
    value: runProgram(biasGeluProgram(h.shape), [h, b]),
    gradFunc: (dy: tf.Tensor2D, [xs, ws, hs, bs]: tf.Tensor[]) => {
      const dz = checked('linearGelu', runProgram(biasGeluGradProgram(dy.shape), [dy, hs, bs]) as tf.Tensor2D);
      return [tf.matMul(dz, ws as tf.Tensor2D, false, true), tf.matMul(xs as tf.Tensor2D, dz, true, false), columnSum(dz)];
    },
  };
}) as never) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** gelu(x @ w + b) (gpt.ts's tanh GELU): two dispatches forward, four backward. */
export function fusedLinearGelu(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return linearGeluOp(x, w, b);
}

/** LayerNorm over the last axis of x [N, d]: one dispatch forward, four backward (row stats, dx, dgain, dbias). */
export function fusedLayerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  const norm = tf.customGrad(((xIn: tf.Tensor2D, gainIn: tf.Tensor1D, biasIn: tf.Tensor1D, save: Save) => {
    save([xIn, gainIn]);
    return {
      value: runProgram(layerNormProgram(xIn.shape), [xIn, gainIn, biasIn], [f32(epsilon)]),
      gradFunc: (dy: tf.Tensor2D, [xs, gs]: tf.Tensor[]) => {
        const [rows, d] = dy.shape;
        const stats = runProgram(layerNormStatsProgram(rows), [xs], [f32(epsilon)]);
        const dx = runProgram(layerNormGradProgram([rows, d]), [dy, xs, gs, stats]);
        return [checked('layerNorm', dx), runProgram(layerNormGainGradProgram(d), [dy, xs, stats]), columnSum(dy)];
      },
    };
  }) as never) as unknown as (x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D) => tf.Tensor2D;
  return norm(x, gain, bias);
}

/** -log softmax(logits)[target] per row, logits [N, V], targets [N]: one dispatch forward, one backward. */
export function fusedTokenCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const [N] = logits.shape;
  const indices = tf.cast(targets, 'int32');
  const loss = tf.customGrad(((z: tf.Tensor2D, save: Save) => {
    save([z, indices]);
    return {
      value: runProgram(crossEntropyProgram(N), [z, indices]),
      gradFunc: (dy: tf.Tensor1D, [zs, index]: tf.Tensor[]) => checked('crossEntropy', runProgram(crossEntropyGradProgram(zs.shape as [number, number]), [zs, index, dy])),
    };
  }) as never) as unknown as (z: tf.Tensor2D) => tf.Tensor1D;
  return loss(logits);
}

/**
 * softmax(scores + mask) over the keys, scores [B, H, T, T]; the mask is gpt.ts's additive one
 * (-1e9 on keys after the query and on padding keys of ids [B, T]), built inside the kernel.
 */
export function fusedMaskedSoftmax(scores: tf.Tensor4D, ids: tf.Tensor2D, padId: number): tf.Tensor4D {
  const [B, H, T] = scores.shape;
  const rows: [number, number] = [B * H * T, T];
  const keyIds = tf.cast(ids, 'int32');
  const softmax = tf.customGrad(((s: tf.Tensor4D, save: Save) => {
    const probs = runProgram(maskedSoftmaxProgram(rows), [tf.reshape(s, rows), keyIds], [i32(H), i32(padId)]);
    save([probs]);
    return {
      value: tf.reshape(probs, s.shape),
      gradFunc: (dy: tf.Tensor4D, [p]: tf.Tensor[]) => checked('maskedSoftmax', tf.reshape(runProgram(softmaxGradProgram(rows), [p, tf.reshape(dy, rows)]), dy.shape)),
    };
  }) as never) as unknown as (s: tf.Tensor4D) => tf.Tensor4D;
  return softmax(scores);
}
