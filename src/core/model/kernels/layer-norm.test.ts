import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { setFusedKernels } from '../fused-switch';
import { layerNorm } from '../ops';
import { kernelLayerNorm } from './layer-norm';
import { checkParity, testValues, type ParityCase } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});

const EPSILON = 1e-5;

function composition([x, gain, bias]: tf.Tensor[]): tf.Tensor {
  setFusedKernels(false);
  try {
    return layerNorm(x as tf.Tensor2D, gain as tf.Tensor1D, bias as tf.Tensor1D, EPSILON);
  } finally {
    setFusedKernels(true);
  }
}

const fused = ([x, gain, bias]: tf.Tensor[]) => kernelLayerNorm(x as tf.Tensor2D, gain as tf.Tensor1D, bias as tf.Tensor1D, EPSILON);

function layerNormCase(rows: number, d: number): ParityCase {
  // Rows with an offset and a spread unlike 0 and 1, so mean and rstd matter.
  const x = testValues(rows * d, rows + d, 2).map((v, i) => v * (1 + (i % 5)) + 0.5);
  return {
    inputs: [
      { values: x, shape: [rows, d] },
      { values: testValues(d, 3).map((v) => 1 + v / 2), shape: [d] },
      { values: testValues(d, 4, 0.3), shape: [d] },
    ],
    differentiable: [0, 1, 2],
  };
}

describe.each<NodeBackend>(['cpu', 'wasm'])('the LayerNorm kernels on %s', (backend) => {
  it('equal the composition of ops.ts, values and gradients of x, gain and bias', async () => {
    await useBackend(backend);
    // The LM rows of `small`, its classification rows (16 x 80), and an odd shape.
    for (const [rows, d] of [[1024, 128], [1280, 128], [7, 13], [1, 1], [3, 5]]) {
      const result = checkParity(fused, composition, layerNormCase(rows, d));
      expect(result.valueError, `[${rows}, ${d}]`).toBeLessThan(1e-5);
      expect(result.gradientError, `[${rows}, ${d}]`).toBeLessThan(1e-5);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it('has a gradient check that notices a broken gradient', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('layerNorm');
    try {
      expect(checkParity(fused, composition, layerNormCase(7, 13)).gradientError).toBeGreaterThan(0.1);
    } finally {
      breakFusedGradientForTests(null);
    }
  });

  it('refuses a gain or bias that does not match the rows, and an x that is not a matrix', async () => {
    await useBackend(backend);
    tf.tidy(() => {
      expect(() => kernelLayerNorm(tf.zeros([2, 4]), tf.ones([3]), tf.zeros([4]), EPSILON)).toThrow(/LabLayerNorm: gain must be \[4\], got \[3\]/);
      expect(() => kernelLayerNorm(tf.zeros([2, 4]), tf.ones([4]), tf.zeros([4, 1]) as unknown as tf.Tensor1D, EPSILON)).toThrow(/LabLayerNorm: bias must be \[4\], got \[4,1\]/);
      expect(() => kernelLayerNorm(tf.zeros([2, 2, 4]) as unknown as tf.Tensor2D, tf.ones([4]), tf.zeros([4]), EPSILON)).toThrow(/LabLayerNorm: x must be \[rows, columns\], got \[2,2,4\]/);
    });
  });
});
