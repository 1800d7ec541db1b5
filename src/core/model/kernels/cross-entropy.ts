// Token cross-entropy from logits [N, V] and int32 targets [N] as two kernels: the loss per row (one
// pass for the row maximum, one for e^(z - max) and its sum) with softmax(z) kept for the backward
// pass, which writes dy * (softmax(z) - onehot(target)) in one pass without an e^x. Keeping softmax(z)
// rather than z and the row log-sum-exp costs the same memory (the logits are freed instead) and
// saves a second e^x pass, the slow part (~5 ms for [1024, 2048] on wasm). A target outside [0, V)
// gives NaN for its row (the composition's gather would fail or read another row).
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';

type Save = (tensors: tf.Tensor[]) => void;

/** shapes: [logits or probs [N, V], targets [N], then dy [N] for the gradient]. */
function checkShapes(kernel: string, [matrix, ...rows]: number[][], names: string[]): void {
  if (matrix.length !== 2) throw new RangeError(`${kernel}: ${names[0]} must be [rows, vocabulary], got [${matrix}].`);
  for (const [i, shape] of rows.entries()) {
    const name = names[i + 1];
    if (shape.length !== 1 || shape[0] !== matrix[0]) throw new RangeError(`${kernel}: ${name} must be [${matrix[0]}], got [${shape}].`);
  }
}

const CROSS_ENTROPY: FusedKernelSpec<Record<string, never>> = {
  name: 'LabCrossEntropy',
  inputs: ['logits', 'targets'],
  outputs(shapes) {
    checkShapes('LabCrossEntropy', shapes, ['logits', 'targets']);
    return [{ shape: [shapes[0][0]], dtype: 'float32' }, { shape: shapes[0], dtype: 'float32' }];
  },
  cpu([z, targets], [[rows, V]], [loss, probs]) {
    for (let r = 0; r < rows; r++) {
      const start = r * V;
      let max = -Infinity;
      for (let c = 0; c < V; c++) max = Math.max(max, z[start + c]);
      let sum = 0;
      for (let c = 0; c < V; c++) sum += Math.exp(z[start + c] - max);
      for (let c = 0; c < V; c++) probs[start + c] = Math.exp(z[start + c] - max) / sum;
      const target = targets[r];
      loss[r] = target >= 0 && target < V ? max + Math.log(sum) - z[start + target] : NaN;
    }
  },
  wasm(kernels, [z, targets], [[rows, V]], [loss, probs]) {
    kernels.crossEntropy(z, targets, rows, V, loss, probs);
  },
};

const CROSS_ENTROPY_GRAD: FusedKernelSpec<Record<string, never>> = {
  name: 'LabCrossEntropyGrad',
  inputs: ['probs', 'targets', 'dy'],
  outputs(shapes) {
    checkShapes('LabCrossEntropyGrad', shapes, ['probs', 'targets', 'dy']);
    return [{ shape: shapes[0], dtype: 'float32' }];
  },
  cpu([probs, targets, dy], [[rows, V]], [dz]) {
    for (let r = 0; r < rows; r++) {
      const start = r * V;
      const target = targets[r];
      const weight = target >= 0 && target < V ? dy[r] : NaN;
      for (let c = 0; c < V; c++) dz[start + c] = weight * probs[start + c];
      if (target >= 0 && target < V) dz[start + target] -= weight;
    }
  },
  wasm(kernels, [probs, targets, dy], [[rows, V]], [dz]) {
    kernels.crossEntropyGrad(probs, targets, dy, rows, V, dz);
  },
};

/** -log softmax(logits)[target] per row (ops.ts's tokenCrossEntropy) on the lab's cpu/wasm kernels. */
export function kernelTokenCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const indices = tf.cast(targets, 'int32');
  const loss = tf.customGrad(((z: tf.Tensor2D, save: Save) => {
    const [value, probs] = runKernel(CROSS_ENTROPY, [z, indices], {});
    save([probs, indices]);
    return {
      value,
      gradFunc: (dy: tf.Tensor1D, [p, index]: tf.Tensor[]) => checkedGradient('crossEntropy', runKernel(CROSS_ENTROPY_GRAD, [p, index, dy], {})[0]),
    };
  }) as never) as unknown as (z: tf.Tensor2D) => tf.Tensor1D;
  return loss(logits);
}
