// A gradient registered for a lab kernel, for kernels that tf.customGrad cannot wrap: several outputs,
// or ones that gradient functions call (a tf.customGrad op run inside backprop is recorded as a
// "backward" scope instead of a kernel). Registered once; the registry is global and may already hold
// it (a module loaded twice, e.g. by test isolation).
import * as tf from '@tensorflow/tfjs';

const registered = new Set<string>();

/** Gives kernel `kernelName` the gradient `gradFunc` (dy is an array when the kernel has several outputs). */
export function registerKernelGradient(kernelName: string, gradFunc: tf.GradConfig['gradFunc']): void {
  if (registered.has(kernelName)) return;
  registered.add(kernelName);
  if (!tf.getGradient(kernelName)) tf.registerGradient({ kernelName, gradFunc });
}
