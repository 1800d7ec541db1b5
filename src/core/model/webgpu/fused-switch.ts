// Whether the model runs its block through the fused WGSL kernels (fused-ops.ts) or through the tfjs
// composition of ops.ts. Only the webgpu backend has them; on cpu and wasm the switch changes nothing.
// On by default: the parity test (test/browser/fused-kernels.test.ts) finds the fused values and
// gradients equal to the composition's up to float rounding on WebGPU (SwiftShader).
import * as tf from '@tensorflow/tfjs';

export const FUSED_WEBGPU_KERNELS_BY_DEFAULT = true;

let enabled = FUSED_WEBGPU_KERNELS_BY_DEFAULT;

/** Turns the fused kernels on or off (the unfused composition stays available for checking). */
export function setFusedWebGpuKernels(on: boolean): void {
  enabled = on;
}

/** True when `backend` (default: the active one) is webgpu and the fused kernels are on. */
export function fusedWebGpuKernels(backend: string = tf.getBackend()): boolean {
  return enabled && backend === 'webgpu';
}
