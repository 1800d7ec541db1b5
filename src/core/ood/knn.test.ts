import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../backend/setup';
import { nodeWasmPaths } from '../backend/wasm-paths-node';
import { createRng } from '../random';
import { OodInputError } from './errors';
import { fitKnn } from './knn';
import { kthLargest } from './knn-exact';
import { matrixFromRows } from './matrix';
import { randomFeatures } from './synthetic';

async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  await activateBackend({ backend, forced: true, adapterInfo: null, reason: '', threads: 1 }, { wasmPaths: nodeWasmPaths });
}

describe('kNN detector', () => {
  beforeAll(() => useBackend('cpu'));
  afterAll(() => useBackend('cpu'));

  it('scores the distance to the k-th nearest unit train row (hand example)', async () => {
    // Train directions at 0, 90 and 180 degrees; the query at 0 degrees (after normalisation).
    const detector = fitKnn(matrixFromRows([[1, 0], [0, 3], [-2, 0]]), { k: 2 });
    const exact = detector.scoreExact(matrixFromRows([[5, 0]]));
    expect(exact[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(detector.scoreExact(matrixFromRows([[0, 1]]))[0]).toBeCloseTo(Math.SQRT2, 6);
    const nearest = fitKnn(matrixFromRows([[1, 0], [0, 3], [-2, 0]]), { k: 1 });
    expect(nearest.scoreExact(matrixFromRows([[5, 0], [-1, 0]]))).toEqual(Float64Array.from([0, 0]));
    expect(await detector.score(matrixFromRows([[5, 0]]), { method: 'tf' })).toHaveLength(1);
  });

  it('caps k by the train size and rejects a k that is not a positive whole number', () => {
    expect(fitKnn(matrixFromRows([[1, 0], [0, 1]]), { k: 50 }).k).toBe(2);
    expect(fitKnn(randomFeatures(80, 4, 1)).k).toBe(50);
    expect(() => fitKnn(matrixFromRows([[1, 0]]), { k: 0 })).toThrow(OodInputError);
    expect(() => fitKnn(matrixFromRows([[1, 0]]), { k: 2.5 })).toThrow(/k = 2.5/);
  });

  it('takes k as a share of the fit rows when kFraction is set (at least 1), and k as given when it is null', () => {
    const features = randomFeatures(600, 4, 2);
    expect(fitKnn(features, { k: 50, kFraction: 0.05 }).k).toBe(30);
    expect(fitKnn(randomFeatures(6000, 4, 2), { k: 50, kFraction: 0.05 }).k).toBe(300);
    expect(fitKnn(features, { k: 50, kFraction: 0.0001 }).k).toBe(1);
    expect(fitKnn(features, { k: 50, kFraction: 1 }).k).toBe(600);
    expect(fitKnn(features, { k: 7, kFraction: null }).k).toBe(7);
    const queries = randomFeatures(20, 4, 3);
    expect(fitKnn(features, { k: 7, kFraction: null }).scoreExact(queries)).toEqual(fitKnn(features, { k: 7 }).scoreExact(queries));
    expect(fitKnn(features, { k: 7, kFraction: 0.05 }).scoreExact(queries)).toEqual(fitKnn(features, { k: 30 }).scoreExact(queries));
    expect(() => fitKnn(features, { kFraction: 0 })).toThrow(OodInputError);
    expect(() => fitKnn(features, { kFraction: 1.5 })).toThrow(/kFraction = 1.5/);
  });

  it('finds the k-th largest value like a full sort', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + rng.int(200);
      const values = Float64Array.from({ length: n }, () => rng.int(11) - 5);
      const k = 1 + rng.int(n);
      const sorted = Array.from(values).sort((a, b) => b - a);
      expect(kthLargest(values, n, k)).toBe(sorted[k - 1]);
    }
  });

  it.each(['cpu', 'wasm'] as const)('gives the same scores on the tfjs path (%s) as the pure path, with no tensors left', async (backend) => {
    await useBackend(backend);
    const train = randomFeatures(700, 24, `train:${backend}`);
    const queries = randomFeatures(333, 24, `queries:${backend}`);
    const detector = fitKnn(train, { k: 7 });
    const oracle = detector.scoreExact(queries);
    const before = tf.memory().numTensors;
    for (const blockRows of [1024, 100, 1]) {
      const viaTf = await detector.score(queries, { method: 'tf', blockRows: blockRows === 1 ? 64 : blockRows });
      expect(viaTf).toHaveLength(queries.rows);
      viaTf.forEach((score, i) => expect(Math.abs(score - oracle[i])).toBeLessThan(1e-4));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses the pure path for tiny inputs under auto and returns nothing for no queries', async () => {
    const train = randomFeatures(20, 6, 'tiny');
    const detector = fitKnn(train, { k: 3 });
    const queries = randomFeatures(5, 6, 'tiny-q');
    const before = tf.memory().numTensors;
    expect(await detector.score(queries)).toEqual(detector.scoreExact(queries));
    expect(tf.memory().numTensors).toBe(before);
    expect(await detector.score({ data: new Float32Array(0), rows: 0, cols: 6 })).toHaveLength(0);
    await expect(detector.score(queries, { blockRows: 0 })).rejects.toThrow(/blockRows = 0/);
    await expect(detector.score(randomFeatures(2, 5, 'wide'))).rejects.toThrow(/5 columns/);
  });
});
