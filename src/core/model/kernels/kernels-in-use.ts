// Which kernels the model runs on a backend, in words for the status panel and reports.
import { fusedKernelsEnabled } from '../fused-switch';
import { hostHasRelaxedSimd, wasmKernels } from './wasm-instance';

export function kernelsInUse(backend: string): string {
  if (!fusedKernelsEnabled()) return 'tfjs composition (the lab kernels are off)';
  if (backend === 'webgpu') return 'lab WGSL kernels for the block, tfjs for the rest';
  if (backend === 'cpu') return 'lab kernels (JavaScript), tfjs for the rest';
  if (backend !== 'wasm') return 'tfjs';
  if (!wasmKernels()) return 'tfjs composition (the lab wasm module did not load)';
  return `lab wasm kernels (SIMD${hostHasRelaxedSimd() ? ' + relaxed SIMD' : ''}), tfjs for the rest`;
}
