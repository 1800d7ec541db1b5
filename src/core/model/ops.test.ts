import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../training/test-backends';
import { constantTimes, matMul, oneHotFloat } from './ops';

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));

afterAll(async () => {
  await useBackend('cpu');
});

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`ops on ${backend}`, () => {
    it('oneHotFloat gives real ones and zeros', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        const rows = oneHotFloat(tf.tensor1d([2, 0], 'int32'), 3);
        expect(rows.dtype).toBe('float32');
        expect(values(rows)).toEqual([0, 0, 1, 1, 0, 0]);
      });
    });

    it('matMul has the value and gradients of tf.matMul, batched or not', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        for (const [shapeA, shapeB] of [[[3, 4], [4, 2]], [[2, 3, 3, 4], [2, 3, 4, 5]]]) {
          const a = tf.randomNormal(shapeA, 0, 1, 'float32', 1);
          const b = tf.randomNormal(shapeB, 0, 1, 'float32', 2);
          const weight = tf.randomNormal([...shapeA.slice(0, -1), shapeB[shapeB.length - 1]], 0, 1, 'float32', 3);
          const loss = (f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), weight));
          close(values(matMul(a, b)), values(tf.matMul(a, b)));
          const ours = tf.grads(loss(matMul))([a, b]);
          const reference = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
          close(values(ours[0]), values(reference[0]));
          close(values(ours[1]), values(reference[1]));
        }
      });
    });

    it('constantTimes is a lookup whose table gradient counts each row use', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
        const rows = oneHotFloat(tf.tensor1d([2, 0, 2], 'int32'), 3);
        expect(values(constantTimes(rows, table))).toEqual([5, 6, 1, 2, 5, 6]);
        const grad = tf.grad((t) => tf.sum(constantTimes(rows, t)))(table);
        expect(values(grad)).toEqual([1, 1, 0, 0, 2, 2]);
      });
    });

    it('refuses shapes that do not multiply', async () => {
      await useBackend(backend);
      expect(() => tf.tidy(() => matMul(tf.ones([2, 3]), tf.ones([2, 3])))).toThrow(/\[2,3\] and \[2,3\]/);
      expect(() => tf.tidy(() => matMul(tf.ones([2, 2, 3]), tf.ones([3, 4])))).toThrow(/same batch/);
    });
  });
}
