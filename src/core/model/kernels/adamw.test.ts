import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { labAdamWStep } from './adamw';
import { testValues } from './parity';
import { relativeError } from './relative-error';
import { labSumOfSquares } from './sum-of-squares';

afterAll(async () => {
  await useBackend('cpu');
});

/** adamw.ts's composition, clipping as clip.ts does. */
function composedStep(param: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, sumSq: tf.Tensor, maxNorm: number, decay: number | null) {
  const [beta1, beta2, epsilon, sqrtCorrection2, stepSize] = [0.9, 0.95, 1e-8, Math.sqrt(1 - 0.95 ** 3), 0.01 / (1 - 0.9 ** 3)];
  const norm = tf.sqrt(sumSq);
  const clipped = maxNorm === Infinity ? g : tf.mul(g, tf.div(maxNorm, tf.maximum(norm, maxNorm)));
  const nextM = tf.add(tf.mul(m, beta1), tf.mul(clipped, 1 - beta1));
  const nextV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(clipped), 1 - beta2));
  const denominator = tf.add(tf.div(tf.sqrt(nextV), sqrtCorrection2), epsilon);
  const kept = decay === null ? param : tf.mul(param, decay);
  const next = tf.sub(kept, tf.mul(tf.div(nextM, denominator), stepSize));
  const fused = labAdamWStep(param, m, v, g, { sumOfSquares: sumSq as tf.Tensor1D, maxNorm }, { beta1, beta2, epsilon, sqrtCorrection2, decay, stepSize });
  return { composed: { param: next, m: nextM, v: nextV }, fused };
}

describe.each<NodeBackend>(['cpu', 'wasm'])('the fused AdamW kernels on %s', (backend) => {
  it('sum the squares of several gradients like clip.ts, for sizes that are and are not multiples of 4', async () => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const sizes = [[2048, 128], [37], [3, 5], [1], [9, 4]];
      const grads = sizes.map((shape, i) => tf.tensor(testValues(tf.util.sizeFromShape(shape), i + 1, 0.1), shape));
      let exact = 0;
      for (const g of grads) for (const x of g.dataSync()) exact += Math.fround(x * x);
      const composed = grads.map((g) => tf.sum(tf.square(g))).reduce((a, b) => tf.add(a, b));
      const fused = labSumOfSquares(grads);
      expect(fused.shape).toEqual([1]);
      expect(Math.abs(fused.dataSync()[0] - exact) / exact).toBeLessThan(1e-7);
      // tfjs-wasm's sum adds one float32 at a time: its error on 262144 elements is larger.
      expect(Math.abs(fused.dataSync()[0] - composed.dataSync()[0]) / exact).toBeLessThan(backend === 'cpu' ? 1e-7 : 1e-4);
      expect(labSumOfSquares([grads[1]]).dataSync()[0]).toBeCloseTo(grads[1].square().sum().dataSync()[0], 5);
      expect(Array.from(labSumOfSquares([]).dataSync())).toEqual([0]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  // Given the same sum of squares, the same float32 operations in the same order: equal to the bit.
  it('update param, m and v in one kernel exactly as adamw.ts does, with and without clipping and decay', async () => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    for (const shape of [[128, 512], [7, 13], [3]]) {
      for (const [maxNorm, decay] of [[0.5, 0.999], [Infinity, 0.999], [1e6, null], [0.5, null]] as const) {
        tf.tidy(() => {
          const n = tf.util.sizeFromShape(shape);
          const param = tf.tensor(testValues(n, 1), shape);
          const m = tf.tensor(testValues(n, 2, 0.01), shape);
          const v = tf.tensor(testValues(n, 3, 0.001).map(Math.abs), shape);
          const g = tf.tensor(testValues(n, 4, 0.1), shape);
          const { composed, fused } = composedStep(param, m, v, g, tf.tensor1d([n * 0.01]), maxNorm, decay);
          for (const key of ['param', 'm', 'v'] as const) {
            expect(fused[key].shape, key).toEqual(shape);
            expect(relativeError(fused[key], composed[key]), `${key} [${shape}] maxNorm ${maxNorm} decay ${decay}`).toBe(0);
          }
        });
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses moments, gradients or a norm of the wrong shape, naming them', async () => {
    await useBackend(backend);
    tf.tidy(() => {
      const p = tf.zeros([2, 3]);
      const numbers = { beta1: 0.9, beta2: 0.95, epsilon: 1e-8, sqrtCorrection2: 0.2, decay: null, stepSize: 0.1 };
      const clipping = { sumOfSquares: tf.ones([1]) as tf.Tensor1D, maxNorm: 1 };
      expect(() => labAdamWStep(p, tf.zeros([3, 2]), p, p, clipping, numbers)).toThrow(/LabAdamW: m has shape \[3,2\], the parameter \[2,3\]/);
      expect(() => labAdamWStep(p, p, p, tf.zeros([6]), clipping, numbers)).toThrow(/LabAdamW: grad has shape \[6\], the parameter \[2,3\]/);
      expect(() => labAdamWStep(p, p, p, p, { ...clipping, sumOfSquares: tf.ones([2]) as tf.Tensor1D }, numbers)).toThrow(/LabAdamW: sumSq must be \[1\], got \[2\]/);
    });
  });
});
