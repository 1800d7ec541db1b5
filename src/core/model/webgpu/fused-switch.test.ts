import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { FUSED_WEBGPU_KERNELS_BY_DEFAULT, fusedWebGpuKernels, setFusedWebGpuKernels } from './fused-switch';
import { layerNorm } from '../ops';

describe('the fused webgpu kernels switch', () => {
  beforeAll(() => useBackend('cpu'));
  afterEach(() => setFusedWebGpuKernels(FUSED_WEBGPU_KERNELS_BY_DEFAULT));

  it('is on for webgpu by default, off on every other backend, and can be turned off', () => {
    expect(fusedWebGpuKernels('webgpu')).toBe(true);
    expect(fusedWebGpuKernels('wasm')).toBe(false);
    expect(fusedWebGpuKernels()).toBe(false);
    setFusedWebGpuKernels(false);
    expect(fusedWebGpuKernels('webgpu')).toBe(false);
  });

  it('leaves the cpu ops alone when on (no WGSL program runs off webgpu)', () => {
    const out = tf.tidy(() => Array.from(layerNorm(tf.tensor2d([[1, 2, 3, 6]]), tf.ones([4]) as tf.Tensor1D, tf.zeros([4]) as tf.Tensor1D, 1e-5).dataSync()));
    const mean = 3;
    const std = Math.sqrt((4 + 1 + 0 + 9) / 4 + 1e-5);
    out.forEach((value, i) => expect(value).toBeCloseTo(([1, 2, 3, 6][i] - mean) / std, 5));
  });
});

describe('a fused kernel off webgpu', () => {
  beforeAll(() => useBackend('cpu'));

  it('fails with a named error that says which backend it needs', async () => {
    const { fusedLayerNorm } = await import('./fused-ops');
    const { BackendUnavailableError } = await import('../../backend/errors');
    expect(() => tf.tidy(() => fusedLayerNorm(tf.ones([2, 4]), tf.ones([4]), tf.zeros([4]), 1e-5))).toThrow(BackendUnavailableError);
    expect(() => tf.tidy(() => fusedLayerNorm(tf.ones([2, 4]), tf.ones([4]), tf.zeros([4]), 1e-5))).toThrow(/lab_layer_norm runs on the webgpu backend only; the active one is cpu/);
  });
});
