import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { checkParity, testValues } from './parity';
import { transpose2d } from './transpose';

afterEach(() => breakFusedGradientForTests(null));

afterAll(async () => {
  await useBackend('cpu');
});

const swapLastTwoAxes = (x: tf.Tensor) => {
  const axes = x.shape.map((_, i) => i);
  [axes[x.rank - 2], axes[x.rank - 1]] = [axes[x.rank - 1], axes[x.rank - 2]];
  return tf.transpose(x, axes);
};

const caseOf = (shape: number[]) => ({
  inputs: [{ values: testValues(shape.reduce((a, b) => a * b, 1), shape.length + shape[0]), shape }],
  differentiable: [0],
});

describe.each<NodeBackend>(['cpu', 'wasm'])('transpose2d on %s', (backend) => {
  // The model's matrices and attention's batches, then edges: sizes not multiples of 4, wider than a column block.
  const shapes = [[1024, 128], [128, 512], [2048, 128], [16, 4, 64, 32], [7, 13], [9, 130], [4, 6], [1, 1], [3, 5, 7]];

  it.each(shapes)('equals tf.transpose of the last two axes, values and gradient, for %j', async (...shape) => {
    await useBackend(backend);
    const result = checkParity(([x]) => transpose2d(x), ([x]) => swapLastTwoAxes(x), caseOf(shape));
    expect(result.valueError).toBe(0);
    expect(result.gradientError).toBe(0);
    expect(result.leakedTensors).toBe(0);
  });

  it('has its gradient checked: a broken gradient is noticed', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('transpose');
    const result = checkParity(([x]) => transpose2d(x), ([x]) => swapLastTwoAxes(x), caseOf([7, 13]));
    expect(result.gradientError).toBeGreaterThan(0.1);
  });

  it('refuses a vector and a non-float input', async () => {
    await useBackend(backend);
    expect(() => transpose2d(tf.zeros([5]))).toThrow(/LabTranspose2D: x must have at least two axes, got \[5\]/);
    expect(() => transpose2d(tf.zeros([2, 3], 'int32'))).toThrow(/transpose2d: x must be float32, got int32/);
  });
});
