import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { columnSum } from './column-sum';
import { checkParity, testValues } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});

describe.each<NodeBackend>(['cpu', 'wasm'])('columnSum on %s', (backend) => {
  it('equals tf.sum over the rows, values and gradient, for widths that are and are not multiples of 4', async () => {
    await useBackend(backend);
    for (const [rows, cols] of [[1024, 128], [7, 13], [1, 1], [3, 4]]) {
      const result = checkParity(
        ([x]) => columnSum(x as tf.Tensor2D),
        ([x]) => tf.sum(x, 0),
        { inputs: [{ values: testValues(rows * cols, rows + cols), shape: [rows, cols] }], differentiable: [] },
      );
      expect(result.valueError, `[${rows}, ${cols}]`).toBeLessThan(1e-4);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it('refuses an input that is not a matrix', async () => {
    await useBackend(backend);
    expect(() => columnSum(tf.zeros([2, 3, 4]) as unknown as tf.Tensor2D)).toThrow(/LabColumnSum: x must be \[rows, columns\], got \[2,3,4\]/);
  });
});

describe('columnSum on wasm and cpu', () => {
  it('gives the same float32 sums on both (rows added in the same order)', async () => {
    const values = testValues(300 * 37, 5, 100);
    await useBackend('cpu');
    const cpu = tf.tidy(() => columnSum(tf.tensor2d(values, [300, 37])).dataSync());
    await useBackend('wasm');
    const wasm = tf.tidy(() => columnSum(tf.tensor2d(values, [300, 37])).dataSync());
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
  });
});
