import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm } from './clip';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('clipping by global norm', () => {
  // ||[3, 4]||^2 + ||[12]||^2 = 25 + 144 = 169: global norm 13.
  const grads = () => new Map<string, tf.Tensor>([['a', tf.tensor1d([3, 4])], ['b', tf.tensor1d([12])]]);

  it('scales every gradient by maxNorm / norm when the norm is larger', () => {
    tf.tidy(() => {
      const { grads: clipped, norm } = clipByGlobalNorm(grads(), 6.5);
      expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
      expect(Array.from(clipped.get('a')!.dataSync())).toEqual([1.5, 2]);
      expect(Array.from(clipped.get('b')!.dataSync())).toEqual([6]);
    });
  });

  it('leaves gradients below the threshold unchanged', () => {
    tf.tidy(() => {
      const { grads: clipped } = clipByGlobalNorm(grads(), 20);
      expect(Array.from(clipped.get('a')!.dataSync())).toEqual([3, 4]);
      const { grads: unclipped, norm } = clipByGlobalNorm(grads(), Infinity);
      expect(Array.from(unclipped.get('b')!.dataSync())).toEqual([12]);
      expect(norm.dataSync()[0]).toBeCloseTo(13, 5);
    });
  });

  it('rejects a non-positive threshold', () => {
    expect(() => clipByGlobalNorm(new Map(), 0)).toThrow(/maxNorm/);
  });
});
