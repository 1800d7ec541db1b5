import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { attentionBias } from '../gpt';
import { maskedSoftmax } from './masked-softmax';
import { checkParity, testValues, type ParityCase } from './parity';

const PAD = 0;

afterAll(async () => {
  await useBackend('cpu');
});

afterEach(() => breakFusedGradientForTests(null));

/** Ids [B, T]: right padding of a different length per row, one row all padding, one row starting with padding. */
function paddedIds(batch: number, len: number): number[] {
  const ids: number[] = [];
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < len; t++) {
      const padded = b === 1 || (b === 2 && t === 0) || t >= len - (b % len);
      ids.push(padded ? PAD : 2 + ((b * 31 + t * 7) % 50));
    }
  }
  return ids;
}

function softmaxCase(batch: number, heads: number, len: number): ParityCase {
  return {
    inputs: [
      { values: testValues(batch * heads * len * len, batch + len, 4), shape: [batch, heads, len, len] },
      { values: paddedIds(batch, len), shape: [batch, len], dtype: 'int32' },
    ],
    differentiable: [0],
  };
}

const fused = ([scores, ids]: tf.Tensor[]) => maskedSoftmax(scores as tf.Tensor4D, ids as tf.Tensor2D, PAD);
const composition = ([scores, ids]: tf.Tensor[]) => tf.softmax(tf.add(scores, attentionBias(ids as tf.Tensor2D, PAD)), -1);

describe.each<NodeBackend>(['cpu', 'wasm'])('maskedSoftmax on %s', (backend) => {
  it('equals softmax(scores + attentionBias), values and gradient, with padding, on small\'s scores and an odd shape', async () => {
    await useBackend(backend);
    for (const [batch, heads, len] of [[16, 4, 64], [3, 2, 7], [5, 3, 80]]) {
      const result = checkParity(fused, composition, softmaxCase(batch, heads, len));
      expect(result.valueError, `[${batch}, ${heads}, ${len}, ${len}]`).toBeLessThan(1e-5);
      expect(result.gradientError, `[${batch}, ${heads}, ${len}, ${len}]`).toBeLessThan(1e-5);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it('gives 0 to future and padding keys, and a row with every key masked the same spread as the composition', async () => {
    await useBackend(backend);
    const [probs, reference] = tf.tidy(() => {
      const scores = tf.tensor4d(testValues(3 * 5 * 5, 9), [3, 1, 5, 5]);
      const ids = tf.tensor2d([[5, 6, 7, PAD, PAD], [PAD, PAD, PAD, PAD, PAD], [PAD, 4, 5, 6, 7]], [3, 5], 'int32');
      return [maskedSoftmax(scores, ids, PAD).arraySync(), tf.softmax(tf.add(scores, attentionBias(ids, PAD)), -1).arraySync()];
    }) as number[][][][][];
    expect(probs[0][0][1].slice(2)).toEqual([0, 0, 0]);
    expect(probs[0][0][4][3]).toBe(0);
    expect(probs[1][0][2].slice(0, 3).map((p) => p.toFixed(5))).toEqual(['0.33333', '0.33333', '0.33333']);
    expect(probs[2][0][0].map((p) => p.toFixed(5))).toEqual(reference[2][0][0].map((p) => p.toFixed(5)));
  });

  it('is noticed by the parity check when its gradient is broken', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('maskedSoftmax');
    expect(checkParity(fused, composition, softmaxCase(3, 2, 7)).gradientError).toBeGreaterThan(0.1);
  });

  it('refuses scores that are not [B, H, T, T] and ids that do not match them', async () => {
    await useBackend(backend);
    expect(() => maskedSoftmax(tf.zeros([2, 1, 3, 4]) as tf.Tensor4D, tf.zeros([2, 4], 'int32') as tf.Tensor2D, PAD)).toThrow(/LabMaskedSoftmax: scores must be \[batch, heads, T, T\], got \[2,1,3,4\]/);
    expect(() => maskedSoftmax(tf.zeros([2, 1, 3, 3]) as tf.Tensor4D, tf.zeros([2, 4], 'int32') as tf.Tensor2D, PAD)).toThrow(/LabMaskedSoftmax: ids \[2,4\] do not match scores \[2,1,3,3\]/);
  });
});
