// LayerNorm over the last axis of x [N, d] as two kernels: the forward pass (y and each row's
// [mean, rstd]) and the whole backward pass (dx, dgain, dbias in one sweep). Only x, gain and the
// [N, 2] row stats are kept for the gradient; the composition in ops.ts keeps xhat [N, d] and rstd.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';

type Save = (tensors: tf.Tensor[]) => void;

function checkRow(kernel: string, name: string, shape: number[], d: number): void {
  if (shape.length !== 1 || shape[0] !== d) throw new RangeError(`${kernel}: ${name} must be [${d}], got [${shape}].`);
}

function checkMatrix(kernel: string, name: string, shape: number[], expected?: number[]): void {
  if (shape.length !== 2 || (expected && !tf.util.arraysEqual(shape, expected))) {
    throw new RangeError(`${kernel}: ${name} must be ${expected ? `[${expected}]` : '[rows, columns]'}, got [${shape}].`);
  }
}

const LAYER_NORM: FusedKernelSpec<{ epsilon: number }> = {
  name: 'LabLayerNorm',
  inputs: ['x', 'gain', 'bias'],
  outputs([x, gain, bias]) {
    checkMatrix('LabLayerNorm', 'x', x);
    checkRow('LabLayerNorm', 'gain', gain, x[1]);
    checkRow('LabLayerNorm', 'bias', bias, x[1]);
    return [{ shape: x, dtype: 'float32' }, { shape: [x[0], 2], dtype: 'float32' }];
  },
  cpu([x, gain, bias], [[rows, d]], [out, stats], { epsilon }) {
    for (let r = 0; r < rows; r++) {
      const start = r * d;
      let sum = 0;
      for (let c = 0; c < d; c++) sum += x[start + c];
      const mean = Math.fround(sum / d);
      let squares = 0;
      for (let c = 0; c < d; c++) squares += (x[start + c] - mean) ** 2;
      const rstd = Math.fround(1 / Math.sqrt(squares / d + epsilon));
      for (let c = 0; c < d; c++) out[start + c] = (x[start + c] - mean) * rstd * gain[c] + bias[c];
      stats[2 * r] = mean;
      stats[2 * r + 1] = rstd;
    }
  },
  wasm(kernels, [x, gain, bias], [[rows, d]], [out, stats], { epsilon }) {
    kernels.layerNorm(x, gain, bias, rows, d, epsilon, out, stats);
  },
};

const LAYER_NORM_GRAD: FusedKernelSpec<Record<string, never>> = {
  name: 'LabLayerNormGrad',
  inputs: ['dy', 'x', 'gain', 'stats'],
  outputs([dy, x, gain, stats]) {
    checkMatrix('LabLayerNormGrad', 'x', x);
    checkMatrix('LabLayerNormGrad', 'dy', dy, x);
    checkRow('LabLayerNormGrad', 'gain', gain, x[1]);
    checkMatrix('LabLayerNormGrad', 'stats', stats, [x[0], 2]);
    return [{ shape: x, dtype: 'float32' }, { shape: [x[1]], dtype: 'float32' }, { shape: [x[1]], dtype: 'float32' }];
  },
  cpu([dy, x, gain, stats], [[rows, d]], [dx, dgain, dbias]) {
    for (let r = 0; r < rows; r++) {
      const start = r * d;
      const mean = stats[2 * r];
      const rstd = stats[2 * r + 1];
      const xhat = (c: number) => (x[start + c] - mean) * rstd;
      let sumG = 0;
      let sumGX = 0;
      for (let c = 0; c < d; c++) {
        const g = dy[start + c] * gain[c];
        sumG += g;
        sumGX += g * xhat(c);
        dgain[c] += dy[start + c] * xhat(c);
        dbias[c] += dy[start + c];
      }
      for (let c = 0; c < d; c++) dx[start + c] = rstd * (dy[start + c] * gain[c] - sumG / d - xhat(c) * (sumGX / d));
    }
  },
  wasm(kernels, [dy, x, gain, stats], [[rows, d]], [dx, dgain, dbias]) {
    kernels.layerNormGrad(dy, x, gain, stats, rows, d, dx, dgain, dbias);
  },
};

/** LayerNorm over the last axis of x [N, d] (ops.ts's formula) on the lab's cpu/wasm kernels. */
export function kernelLayerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  const norm = tf.customGrad(((xIn: tf.Tensor2D, gainIn: tf.Tensor1D, biasIn: tf.Tensor1D, save: Save) => {
    const [y, stats] = runKernel(LAYER_NORM, [xIn, gainIn, biasIn], { epsilon });
    save([xIn, gainIn, stats]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, [xs, gs, st]: tf.Tensor[]) => runKernel(LAYER_NORM_GRAD, [dy, xs, gs, st], {}).map((g) => checkedGradient('layerNorm', g)),
    };
  }) as never) as unknown as (x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D) => tf.Tensor2D;
  return norm(x, gain, bias);
}
