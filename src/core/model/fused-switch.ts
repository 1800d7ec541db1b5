// Whether the model runs through the fused kernels or through the tfjs composition of ops.ts and
// gpt.ts. On webgpu they are WGSL programs (webgpu/); on wasm and cpu, kernels of kernels/ (wasm SIMD
// on wasm, their JavaScript reference on cpu). On by default: the parity tests (kernels/*.test.ts,
// test/browser/fused-kernels.test.ts) find their values and gradients equal to the composition's up
// to float rounding; `setFusedKernels(false)` restores the composition for checking.
import * as tf from '@tensorflow/tfjs';
import { kernelsAvailable } from './kernels/define-kernel';

export const FUSED_KERNELS_BY_DEFAULT = true;

let enabled = FUSED_KERNELS_BY_DEFAULT;

/** Turns the fused kernels on or off on every backend. */
export function setFusedKernels(on: boolean): void {
  enabled = on;
}

export function fusedKernelsEnabled(): boolean {
  return enabled;
}

/** True when `backend` (default: the active one) is webgpu and the fused kernels are on. */
export function fusedWebGpuKernels(backend: string = tf.getBackend()): boolean {
  return enabled && backend === 'webgpu';
}

/** True when `backend` (default: the active one) is cpu or wasm (with the lab's module loaded) and the fused kernels are on. */
export function fusedCpuKernels(backend: string = tf.getBackend()): boolean {
  return enabled && kernelsAvailable(backend);
}
