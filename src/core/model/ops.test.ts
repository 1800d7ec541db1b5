import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/test-backends';
import { columnSums, constantTimes, embeddingLookup, layerNorm, linear, matMul, oneHotFloat, tokenCrossEntropy } from './ops';

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

    it('linear and layerNorm have the values and gradients of their autodiff formulas', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        const x = tf.randomNormal([5, 4], 0, 1, 'float32', 4) as tf.Tensor2D;
        const w = tf.randomNormal([4, 3], 0, 1, 'float32', 5) as tf.Tensor2D;
        const b = tf.tensor1d([0.5, -1, 2]);
        const weight = tf.randomNormal([5, 3], 0, 1, 'float32', 6);
        const ours = tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(linear(xi as tf.Tensor2D, wi as tf.Tensor2D, bi as tf.Tensor1D), weight)))([x, w, b]);
        const reference = tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(xi, wi), bi), weight)))([x, w, b]);
        ours.forEach((grad, i) => close(values(grad), values(reference[i])));

        const gain = tf.tensor1d([1, 2, 0.5, -1]);
        const shift = tf.tensor1d([0, 1, -1, 0.25]);
        const weight4 = tf.randomNormal([5, 4], 0, 1, 'float32', 7);
        const plain = (xi: tf.Tensor, g: tf.Tensor, s: tf.Tensor) => {
          const centred = tf.sub(xi, tf.mean(xi, -1, true));
          return tf.add(tf.mul(tf.div(centred, tf.sqrt(tf.add(tf.mean(tf.square(centred), -1, true), 1e-5))), g), s);
        };
        close(values(layerNorm(x, gain, shift, 1e-5)), values(plain(x, gain, shift)));
        const lnOurs = tf.grads((xi: tf.Tensor, g: tf.Tensor, s: tf.Tensor) => tf.sum(tf.mul(layerNorm(xi as tf.Tensor2D, g as tf.Tensor1D, s as tf.Tensor1D, 1e-5), weight4)))([x, gain, shift]);
        const lnReference = tf.grads((xi: tf.Tensor, g: tf.Tensor, s: tf.Tensor) => tf.sum(tf.mul(plain(xi, g, s), weight4)))([x, gain, shift]);
        lnOurs.forEach((grad, i) => close(values(grad), values(lnReference[i])));
        expect(values(columnSums(tf.tensor2d([[1, 2], [3, 4], [5, 6]])))).toEqual([9, 12]);
      });
    });

    it('embeddingLookup picks rows and scatter-adds its gradient, counting repeated ids', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
        const ids = tf.tensor1d([2, 0, 2], 'int32');
        expect(values(embeddingLookup(table, ids))).toEqual([5, 6, 1, 2, 5, 6]);
        const grad = tf.grad((t) => tf.sum(tf.mul(embeddingLookup(t as tf.Tensor2D, ids), tf.tensor2d([[1, 2], [3, 4], [5, 6]]))))(table);
        expect(values(grad)).toEqual([3, 4, 0, 0, 6, 8]);
      });
    });

    it('tokenCrossEntropy equals -logSoftmax at the target, with gradient softmax - onehot', async () => {
      await useBackend(backend);
      tf.tidy(() => {
        // Row 1 has one very large logit: the other probabilities underflow, the loss stays finite.
        const logits = tf.tensor2d([[1, 2, 3, 0.5], [0, 0, 0, 0], [-2, 90, 1, 0]]);
        const targets = tf.tensor1d([2, 1, 0], 'int32');
        const reference = (z: tf.Tensor) => tf.neg(tf.sum(tf.mul(tf.logSoftmax(z), oneHotFloat(targets, 4)), -1));
        close(values(tokenCrossEntropy(logits, targets)), values(reference(logits)));
        const rowWeights = tf.tensor1d([1, -2, 0.5]);
        const ours = tf.grad((z) => tf.sum(tf.mul(tokenCrossEntropy(z as tf.Tensor2D, targets), rowWeights)))(logits);
        const expected = tf.grad((z) => tf.sum(tf.mul(reference(z), rowWeights)))(logits);
        close(values(ours), values(expected));
      });
    });

    it('refuses shapes that do not multiply', async () => {
      await useBackend(backend);
      expect(() => tf.tidy(() => matMul(tf.ones([2, 3]), tf.ones([2, 3])))).toThrow(/\[2,3\] and \[2,3\]/);
      expect(() => tf.tidy(() => matMul(tf.ones([2, 2, 3]), tf.ones([3, 4])))).toThrow(/same batch/);
    });
  });
}
