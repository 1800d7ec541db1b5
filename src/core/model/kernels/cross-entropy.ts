// Token cross-entropy from logits [N, V] and int32 targets [N] as two kernels: the loss per row (one
// pass for the row maximum, one for the sum of e^(z - max)) with the row log-sum-exp kept for the
// backward pass, which writes dy * (softmax(z) - onehot(target)) in one pass over z. A target outside
// [0, V) gives NaN for its row (the composition's gather would fail or read another row).
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';

type Save = (tensors: tf.Tensor[]) => void;

function checkShapes(kernel: string, [logits, targets, ...rows]: number[][]): void {
  if (logits.length !== 2) throw new RangeError(`${kernel}: logits must be [rows, vocabulary], got [${logits}].`);
  for (const [i, shape] of [targets, ...rows].entries()) {
    const name = ['targets', 'logSumExp', 'dy'][i];
    if (shape.length !== 1 || shape[0] !== logits[0]) throw new RangeError(`${kernel}: ${name} must be [${logits[0]}], got [${shape}].`);
  }
}

const CROSS_ENTROPY: FusedKernelSpec<Record<string, never>> = {
  name: 'LabCrossEntropy',
  inputs: ['logits', 'targets'],
  outputs(shapes) {
    checkShapes('LabCrossEntropy', shapes);
    const rows = shapes[0][0];
    return [{ shape: [rows], dtype: 'float32' }, { shape: [rows], dtype: 'float32' }];
  },
  cpu([z, targets], [[rows, V]], [loss, logSumExp]) {
    for (let r = 0; r < rows; r++) {
      const start = r * V;
      let max = -Infinity;
      for (let c = 0; c < V; c++) max = Math.max(max, z[start + c]);
      let sum = 0;
      for (let c = 0; c < V; c++) sum += Math.exp(z[start + c] - max);
      const lse = max + Math.log(sum);
      const target = targets[r];
      logSumExp[r] = lse;
      loss[r] = target >= 0 && target < V ? lse - z[start + target] : NaN;
    }
  },
  wasm(kernels, [z, targets], [[rows, V]], [loss, logSumExp]) {
    kernels.crossEntropy(z, targets, rows, V, loss, logSumExp);
  },
};

const CROSS_ENTROPY_GRAD: FusedKernelSpec<Record<string, never>> = {
  name: 'LabCrossEntropyGrad',
  inputs: ['logits', 'targets', 'logSumExp', 'dy'],
  outputs(shapes) {
    checkShapes('LabCrossEntropyGrad', shapes);
    return [{ shape: shapes[0], dtype: 'float32' }];
  },
  cpu([z, targets, logSumExp, dy], [[rows, V]], [dz]) {
    for (let r = 0; r < rows; r++) {
      const start = r * V;
      const target = targets[r];
      const weight = target >= 0 && target < V ? dy[r] : NaN;
      for (let c = 0; c < V; c++) dz[start + c] = weight * Math.exp(z[start + c] - logSumExp[r]);
      if (target >= 0 && target < V) dz[start + target] -= weight;
    }
  },
  wasm(kernels, [z, targets, logSumExp, dy], [[rows, V]], [dz]) {
    kernels.crossEntropyGrad(z, targets, logSumExp, dy, rows, V, dz);
  },
};

/** -log softmax(logits)[target] per row (ops.ts's tokenCrossEntropy) on the lab's cpu/wasm kernels. */
export function kernelTokenCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const indices = tf.cast(targets, 'int32');
  const loss = tf.customGrad(((z: tf.Tensor2D, save: Save) => {
    const [value, logSumExp] = runKernel(CROSS_ENTROPY, [z, indices], {});
    save([z, indices, logSumExp]);
    return {
      value,
      gradFunc: (dy: tf.Tensor1D, [zs, index, lse]: tf.Tensor[]) => checkedGradient('crossEntropy', runKernel(CROSS_ENTROPY_GRAD, [zs, index, lse, dy], {})[0]),
    };
  }) as never) as unknown as (z: tf.Tensor2D) => tf.Tensor1D;
  return loss(logits);
}
