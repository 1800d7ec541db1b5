// gelu(x @ w + b) (gpt.ts's tanh GELU) with the bias and GELU in one kernel, forward and backward.
// The composition keeps every intermediate of the element-wise chain ([N, F] each) for autodiff; this
// op keeps only h = x @ w (and its inputs) and recomputes GELU's slope from h and b in the backward kernel.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { columnSum } from './column-sum';
import { runKernel, type FusedKernelSpec } from './define-kernel';
import { product } from './matmul';

type Save = (tensors: tf.Tensor[]) => void;

// The float32 constants of gpt.ts's gelu: 2 sqrt(2/pi) and 0.044715 times it.
const TWO_C = Math.fround(2 * Math.sqrt(2 / Math.PI));
const CUBIC = Math.fround(0.044715 * 2 * Math.sqrt(2 / Math.PI));

function checkBias(kernel: string, h: number[], b: number[]): void {
  if (h.length !== 2) throw new RangeError(`${kernel}: h must be [rows, columns], got [${h}].`);
  if (b.length !== 1 || b[0] !== h[1]) throw new RangeError(`${kernel}: bias [${b}] does not match h [${h}].`);
}

const BIAS_GELU: FusedKernelSpec<Record<string, never>> = {
  name: 'LabBiasGelu',
  inputs: ['h', 'b'],
  outputs([h, b]) {
    checkBias('LabBiasGelu', h, b);
    return [{ shape: h, dtype: 'float32' }];
  },
  cpu([h, b], [[rows, cols]], [out]) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = Math.fround(h[r * cols + c] + b[c]);
        const t = x * (x * x * CUBIC + TWO_C);
        out[r * cols + c] = x / (1 + Math.exp(-t));
      }
    }
  },
  wasm(kernels, [h, b], [[rows, cols]], [out]) {
    kernels.biasGelu(h, b, rows, cols, out);
  },
};

const BIAS_GELU_GRAD: FusedKernelSpec<Record<string, never>> = {
  name: 'LabBiasGeluGrad',
  inputs: ['dy', 'h', 'b'],
  outputs([dy, h, b]) {
    checkBias('LabBiasGeluGrad', h, b);
    if (!tf.util.arraysEqual(dy, h)) throw new RangeError(`LabBiasGeluGrad: dy [${dy}] does not match h [${h}].`);
    return [{ shape: h, dtype: 'float32' }];
  },
  cpu([dy, h, b], [, [rows, cols]], [dh]) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = Math.fround(h[r * cols + c] + b[c]);
        const s = 1 / (1 + Math.exp(-x * (x * x * CUBIC + TWO_C)));
        const slope = s + x * s * (1 - s) * (3 * CUBIC * x * x + TWO_C);
        dh[r * cols + c] = dy[r * cols + c] * slope;
      }
    }
  },
  wasm(kernels, [dy, h, b], [, [rows, cols]], [dh]) {
    kernels.biasGeluGrad(dy, h, b, rows, cols, dh);
  },
};

/** gelu(h + b) for h [N, F], b [F]. */
export function biasGelu(h: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return runKernel(BIAS_GELU, [h, b], {})[0] as tf.Tensor2D;
}

/** dy * gelu'(h + b). */
export function biasGeluGrad(dy: tf.Tensor2D, h: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return runKernel(BIAS_GELU_GRAD, [dy, h, b], {})[0] as tf.Tensor2D;
}

const linearGeluOp = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Save) => {
  const h = product(x, w, { transposeA: false, transposeB: false }) as tf.Tensor2D;
  save([x, w, h, b]);
  return {
    value: biasGelu(h, b),
    gradFunc: (dy: tf.Tensor2D, [xs, ws, hs, bs]: tf.Tensor[]) => {
      const dh = checkedGradient('linearGelu', biasGeluGrad(dy, hs as tf.Tensor2D, bs as tf.Tensor1D));
      return [product(dh, ws, { transposeA: false, transposeB: true }), product(xs, dh, { transposeA: true, transposeB: false }), columnSum(dh)];
    },
  };
}) as never) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** gelu(x [N, in] @ w [in, F] + b [F]) on cpu or wasm, with the bias and GELU (and their gradient) in one kernel each. */
export function linearGelu(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  if (x.rank !== 2 || w.rank !== 2 || x.shape[1] !== w.shape[0]) throw new RangeError(`linearGelu: shapes [${x.shape}] and [${w.shape}] do not multiply.`);
  if (b.rank !== 1 || b.shape[0] !== w.shape[1]) throw new RangeError(`linearGelu: bias [${b.shape}] does not match weights [${w.shape}].`);
  return linearGeluOp(x, w, b);
}
