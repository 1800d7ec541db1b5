// For parity tests only: a fused kernel's gradient can be made wrong on purpose (scaled by 1.5), so a
// test can show that its check notices a broken gradient. Every fused op passes its gradients through
// `checkedGradient`, which is the identity unless a test broke that kernel.
import * as tf from '@tensorflow/tfjs';

export type FusedKernelName =
  | 'matMul' | 'linear' | 'linearGelu' | 'layerNorm' | 'crossEntropy' | 'maskedSoftmax'
  | 'columnSum' | 'biasGelu' | 'adamW' | 'transpose' | 'splitHeads' | 'mergeHeads' | 'embedding';

const broken = new Set<FusedKernelName>();

/** Makes `kernel`'s gradient wrong until restored with null. */
export function breakFusedGradientForTests(kernel: FusedKernelName | null): void {
  if (kernel === null) broken.clear();
  else broken.add(kernel);
}

export function checkedGradient<T extends tf.Tensor>(kernel: FusedKernelName, grad: T): T {
  return broken.has(kernel) ? (tf.mul(grad, 1.5) as T) : grad;
}
