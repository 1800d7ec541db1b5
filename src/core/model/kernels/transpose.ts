// 2-D transposes: x [..., rows, cols] -> [..., cols, rows], each matrix of a batch on its own. On
// wasm, 4x4 SIMD tiles; tfjs-wasm's Transpose is a scalar loop (~1 ms for [1024, 128]). The gradient is
// registered for the kernel (kernel-gradient.ts): ops.ts transposes inside gradient functions.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';
import { registerKernelGradient } from './kernel-gradient';

/** Leading axes as one batch count, then the matrix's rows and columns. */
function matrices(shape: number[]): [number, number, number] {
  const batch = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [batch, shape[shape.length - 2], shape[shape.length - 1]];
}

const TRANSPOSE_2D: FusedKernelSpec<Record<string, never>> = {
  name: 'LabTranspose2D',
  inputs: ['x'],
  outputs([shape]) {
    if (shape.length < 2) throw new RangeError(`LabTranspose2D: x must have at least two axes, got [${shape}].`);
    const rank = shape.length;
    return [{ shape: [...shape.slice(0, -2), shape[rank - 1], shape[rank - 2]], dtype: 'float32' }];
  },
  cpu([x], [shape], [out]) {
    const [batch, rows, cols] = matrices(shape);
    for (let b = 0, base = 0; b < batch; b++, base += rows * cols) {
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[base + c * rows + r] = x[base + r * cols + c];
    }
  },
  wasm(kernels, [x], [shape], [out]) {
    const [batch, rows, cols] = matrices(shape);
    kernels.transposeLastTwo(x, batch, rows, cols, out);
  },
};

function transposeKernel<T extends tf.Tensor>(x: T): T {
  return runKernel(TRANSPOSE_2D, [x], {})[0] as T;
}

/** x [..., rows, cols] -> [..., cols, rows] (float32); its gradient is the same transpose of dy. */
export function transpose2d<T extends tf.Tensor>(x: T): T {
  if (x.dtype !== 'float32') throw new RangeError(`transpose2d: x must be float32, got ${x.dtype}.`);
  registerKernelGradient(TRANSPOSE_2D.name, (dy) => ({ x: () => checkedGradient('transpose', transposeKernel(dy as tf.Tensor)) }));
  return transposeKernel(x);
}
