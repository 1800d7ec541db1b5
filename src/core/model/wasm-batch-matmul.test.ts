import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../backend/test-backends';
import { matMul } from './ops';
import { SLICED_BATCH_MATMUL, wasmBatchMatMul, wasmBatchMatMulSupported } from './wasm-batch-matmul';

const SHAPES: [number[], number[]][] = [
  [[64, 64, 32], [64, 32, 64]], // attention scores of `small` (16 rows x 4 heads)
  [[3, 5, 7], [3, 7, 2]], // sizes XNNPACK does not tile evenly
  [[1, 4, 3], [1, 3, 6]],
  [[4, 1, 1], [4, 1, 1]],
];

/** The product computed on the cpu backend from the same numbers. */
async function cpuProduct(a: number[], shapeA: number[], b: number[], shapeB: number[]): Promise<Float32Array> {
  await useBackend('cpu');
  const out = tf.tidy(() => tf.matMul(tf.tensor(a, shapeA), tf.tensor(b, shapeB)).dataSync() as Float32Array);
  await useBackend('wasm');
  return out;
}

afterAll(async () => {
  await useBackend('cpu');
});

describe('sliced batched matMul on wasm', () => {
  it('is available on wasm and not elsewhere', async () => {
    await useBackend('cpu');
    expect(wasmBatchMatMulSupported()).toBe(false);
    await useBackend('wasm');
    expect(wasmBatchMatMulSupported()).toBe(true);
  });

  it('matches the cpu backend for every batch entry, and leaves no tensors behind', async () => {
    await useBackend('wasm');
    for (const [shapeA, shapeB] of SHAPES) {
      const a = Array.from(tf.tidy(() => tf.randomNormal(shapeA, 0, 1, 'float32', 11).dataSync()));
      const b = Array.from(tf.tidy(() => tf.randomNormal(shapeB, 0, 1, 'float32', 12).dataSync()));
      const expected = await cpuProduct(a, shapeA, b, shapeB);
      const before = tf.memory().numTensors;
      const got = tf.tidy(() => wasmBatchMatMul(tf.tensor3d(a, shapeA as [number, number, number]), tf.tensor3d(b, shapeB as [number, number, number])));
      expect(got.shape).toEqual([shapeA[0], shapeA[1], shapeB[2]]);
      const values = got.dataSync();
      got.dispose();
      expect(tf.memory().numTensors).toBe(before);
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(values[i] - expected[i]));
      expect(worst, `[${shapeA}] x [${shapeB}]`).toBeLessThan(1e-4);
    }
  });

  it('gives the same result when run again on new tensors (no stale XNNPACK operator from an earlier b)', async () => {
    await useBackend('wasm');
    const run = (seed: number) => tf.tidy(() => {
      const a = tf.randomNormal([8, 6, 5], 0, 1, 'float32', seed);
      const b = tf.randomNormal([8, 5, 4], 0, 1, 'float32', seed + 1);
      const diff = tf.sub(wasmBatchMatMul(a as tf.Tensor3D, b as tf.Tensor3D), tf.stack(tf.unstack(a).map((x, i) => tf.matMul(x, tf.unstack(b)[i]))));
      return tf.max(tf.abs(diff)).dataSync()[0];
    });
    for (const seed of [1, 5, 9, 13]) expect(run(seed)).toBeLessThan(1e-5);
  });

  it('carries the batched gradients of ops.matMul (4-D attention shapes) like tf.matMul on cpu', async () => {
    const shapeA = [2, 3, 6, 4];
    const shapeB = [2, 3, 4, 6];
    const grads = async (backend: 'cpu' | 'wasm') => {
      await useBackend(backend);
      return tf.tidy(() => {
        const a = tf.randomNormal(shapeA, 0, 1, 'float32', 21);
        const b = tf.randomNormal(shapeB, 0, 1, 'float32', 22);
        const weight = tf.randomNormal([2, 3, 6, 6], 0, 1, 'float32', 23);
        const f = backend === 'cpu' ? (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y) : matMul;
        return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), weight)))([a, b]).map((g) => Array.from(g.dataSync()));
      });
    };
    const reference = await grads('cpu');
    const ours = await grads('wasm');
    ours.forEach((grad, i) => grad.forEach((v, j) => expect(v).toBeCloseTo(reference[i][j], 4)));
  });

  it('refuses operands that are not float32 [N,m,k] and [N,k,n]', async () => {
    await useBackend('wasm');
    expect(() => tf.tidy(() => wasmBatchMatMul(tf.ones([2, 3, 4]) as tf.Tensor3D, tf.ones([3, 4, 5]) as tf.Tensor3D))).toThrow(
      new RegExp(`${SLICED_BATCH_MATMUL}: \\[2,3,4\\] and \\[3,4,5\\] do not multiply`),
    );
    expect(() => tf.tidy(() => wasmBatchMatMul(tf.ones([2, 3, 4], 'int32') as tf.Tensor3D, tf.ones([2, 4, 5]) as tf.Tensor3D))).toThrow(/needs float32/);
  });
});
