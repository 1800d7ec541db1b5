import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from '../fused-switch';
import { kernelsInUse } from './kernels-in-use';

afterEach(() => setFusedKernels(FUSED_KERNELS_BY_DEFAULT));
afterAll(() => useBackend('cpu'));

describe('kernelsInUse', () => {
  it('names the lab kernels per backend, relaxed SIMD on wasm in Node, and the composition when they are off', async () => {
    await useBackend('wasm');
    expect(kernelsInUse('wasm')).toBe('lab wasm kernels (SIMD + relaxed SIMD), tfjs for the rest');
    expect(kernelsInUse('cpu')).toBe('lab kernels (JavaScript), tfjs for the rest');
    expect(kernelsInUse('webgpu')).toBe('lab WGSL kernels for the block, tfjs for the rest');
    setFusedKernels(false);
    expect(kernelsInUse('wasm')).toBe('tfjs composition (the lab kernels are off)');
  });
});
