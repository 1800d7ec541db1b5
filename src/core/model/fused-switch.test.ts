import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/test-backends';
import { FUSED_KERNELS_BY_DEFAULT, fusedCpuKernels, fusedWebGpuKernels, setFusedKernels } from './fused-switch';
import { layerNorm } from './ops';

describe('the fused kernels switch', () => {
  beforeAll(() => useBackend('cpu'));
  afterEach(() => setFusedKernels(FUSED_KERNELS_BY_DEFAULT));

  it('is on by default, picks the WGSL kernels on webgpu only and the lab kernels on cpu, and can be turned off', async () => {
    expect(fusedWebGpuKernels('webgpu')).toBe(true);
    expect(fusedWebGpuKernels('wasm')).toBe(false);
    expect(fusedWebGpuKernels()).toBe(false);
    expect(fusedCpuKernels('cpu')).toBe(true);
    expect(fusedCpuKernels('webgpu')).toBe(false);
    setFusedKernels(false);
    expect(fusedWebGpuKernels('webgpu')).toBe(false);
    expect(fusedCpuKernels('cpu')).toBe(false);
  });

  it('picks the lab kernels on wasm once its module is loaded', async () => {
    await useBackend('wasm');
    try {
      expect(fusedCpuKernels()).toBe(true);
    } finally {
      await useBackend('cpu');
    }
  });

  it('runs no WGSL program off webgpu when on', () => {
    const out = tf.tidy(() => Array.from(layerNorm(tf.tensor2d([[1, 2, 3, 6]]), tf.ones([4]) as tf.Tensor1D, tf.zeros([4]) as tf.Tensor1D, 1e-5).dataSync()));
    const mean = 3;
    const std = Math.sqrt((4 + 1 + 0 + 9) / 4 + 1e-5);
    out.forEach((value, i) => expect(value).toBeCloseTo(([1, 2, 3, 6][i] - mean) / std, 5));
  });
});

describe('a fused kernel off webgpu', () => {
  beforeAll(() => useBackend('cpu'));

  it('fails with a named error that says which backend it needs', async () => {
    const { fusedLayerNorm } = await import('./webgpu/fused-ops');
    const { BackendUnavailableError } = await import('../backend/errors');
    expect(() => tf.tidy(() => fusedLayerNorm(tf.ones([2, 4]), tf.ones([4]), tf.zeros([4]), 1e-5))).toThrow(BackendUnavailableError);
    expect(() => tf.tidy(() => fusedLayerNorm(tf.ones([2, 4]), tf.ones([4]), tf.zeros([4]), 1e-5))).toThrow(/lab_layer_norm runs on the webgpu backend only; the active one is cpu/);
  });
});
