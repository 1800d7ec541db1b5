import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { runKernel, type FusedKernelSpec } from './define-kernel';

// The wasm kernels' e^x (assembly/exp.ts), reached through a test-only kernel.
const EXP: FusedKernelSpec<Record<string, never>> = {
  name: 'LabExpForTests',
  inputs: ['x'],
  outputs: ([shape]) => [{ shape, dtype: 'float32' }],
  cpu([x], _shapes, [out]) {
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
  },
  wasm(kernels, [x], [shape], [out]) {
    kernels.expArray(x, shape[0], out);
  },
};

afterAll(async () => {
  await useBackend('cpu');
});

describe('the wasm kernels e^x', () => {
  it('is within 3e-7 relative of Math.exp over float32 range, 0 where float32 underflows', async () => {
    await useBackend('wasm');
    const xs: number[] = [];
    for (let x = -87.3; x <= 88.3; x += 0.0137) xs.push(x);
    xs.push(0, -0, 1e-8, -1e-8, 88.37, -1e9, -90, -87.34);
    const got = tf.tidy(() => runKernel(EXP, [tf.tensor1d(xs)], {})[0].dataSync());
    const stored = Float32Array.from(xs);
    let worst = 0;
    stored.forEach((x, i) => {
      if (x < -87.33654) {
        expect(got[i], `e^${x}`).toBe(0);
        return;
      }
      const exact = Math.exp(x);
      worst = Math.max(worst, Math.abs(got[i] - exact) / exact);
    });
    expect(worst).toBeLessThan(3e-7);
  });
});
