import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { fitKnn } from '../core/ood/knn';
import { fitMahalanobis } from '../core/ood/mahalanobis';
import { BusyError, CancelledError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import { percentileOf, sampleRows } from './playground-reference';
import type { JobProgress } from '../core/job/progress';
import type { LabEngine } from './types';

const TINY = { seed: 5, sizes: { train: 48, val: 12, test_id: 9, test_ood: 9, pool: 12 } };

let engine: LabEngine;
let datasetId: string;
const checkpointId = 'probe-playground';
const pair = { query: 'term life cover for a 40 year old', item: { title: 'Term life plan', fields: { category: 'term life', brand: 'Acme' } } };

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('playground-methods', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  datasetId = (await engine.generateDataset(TINY)).info.id;
  const tokenizerId = (await engine.trainTokenizer(datasetId, { vocabSize: 512 })).id;
  await engine.trainModel({
    stage: 'probe',
    datasetId,
    init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 32, seed: 3 },
    steps: 6,
    batchSize: 8,
    learningRate: 1e-2,
    checkpointId,
    evaluate: false,
  });
});

describe('playground helpers', () => {
  it('gives the percent of sorted scores at most a value', () => {
    const sorted = Float64Array.from([1, 2, 2, 3]);
    expect([0, 1, 2, 2.5, 3, 9].map((value) => percentileOf(sorted, value))).toEqual([0, 25, 75, 75, 100, 100]);
  });

  it('samples rows by seed, in their original order', () => {
    const rows = Array.from({ length: 20 }, (_, i) => i);
    const sample = sampleRows(rows, 5, 's');
    expect(sample).toHaveLength(5);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
    expect(sampleRows(rows, 5, 's')).toEqual(sample);
    expect(sampleRows(rows, 50, 's')).toEqual(rows);
  });
});

describe('playground methods', () => {
  it('fits the detectors once per checkpoint and dataset, with progress, and caches them', async () => {
    const progress: JobProgress[] = [];
    const first = await engine.preparePlayground(checkpointId, datasetId, { k: 5 }, (p) => void progress.push(p));
    expect(first).toMatchObject({ checkpointId, datasetId, trainRows: 48, trainTotal: 48, valRows: 12, valTotal: 12, knn: { k: 5 }, keep: 0.95, cached: false });
    expect(first.mahalanobis.classes.length).toBeGreaterThan(1);
    expect(first.thresholds.mahalanobis).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ step: 60, total: 60 });
    const again = await engine.preparePlayground(checkpointId, datasetId, { k: 5 });
    expect(again).toMatchObject({ cached: true, seconds: 0, thresholds: first.thresholds });
    const sampled = await engine.preparePlayground(checkpointId, datasetId, { k: 5, trainRows: 20, valRows: 6 });
    expect(sampled).toMatchObject({ cached: false, trainRows: 20, valRows: 6 });
  });

  it('scores a pair: probabilities summing to 1, the expected grade, and OOD scores equal to the detectors fitted directly', async () => {
    const result = await engine.scorePlaygroundPair(checkpointId, datasetId, pair, { k: 5 });
    expect(result.probs).toHaveLength(3);
    expect(result.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(result.expectedGrade).toBeCloseTo((result.probs[1] + 2 * result.probs[2]) / 2, 6);
    expect(result.grade).toBe(result.probs.indexOf(Math.max(...result.probs)));
    expect(result.reference.cached).toBe(true);
    expect(result.promptTokens).toBeGreaterThan(5);
    expect(result.contextLength).toBe(32);
    const [scored] = await engine.scorePairs(checkpointId, [pair]);
    scored.probs.forEach((p, k) => expect(result.probs[k]).toBeCloseTo(p, 5));

    // The same detectors built here from the engine's own features give the same scores and percentiles.
    const store = await openLabStore('playground-methods', { estimate: null });
    const [train, val] = [await store.loadExamples(datasetId, 'train'), await store.loadExamples(datasetId, 'val')];
    const toMatrix = (m: { data: Float32Array; rows: number; columns: number }) => ({ data: m.data, rows: m.rows, cols: m.columns });
    const trainFeatures = toMatrix(await engine.pairFeatures(checkpointId, train));
    const valFeatures = toMatrix(await engine.pairFeatures(checkpointId, val));
    const pairFeatures = toMatrix(await engine.pairFeatures(checkpointId, [pair]));
    const mahalanobis = fitMahalanobis(trainFeatures, train.map((example) => example.grade!));
    const knn = fitKnn(trainFeatures, { k: 5 });
    const expected = {
      mahalanobis: { score: mahalanobis.score(pairFeatures)[0], val: mahalanobis.score(valFeatures) },
      knn: { score: knn.scoreExact(pairFeatures)[0], val: knn.scoreExact(valFeatures) },
    };
    for (const entry of result.ood) {
      const { score, val: valScores } = expected[entry.detector];
      expect(entry.score).toBeCloseTo(score, 3);
      const below = valScores.filter((value) => value <= score).length;
      expect(entry.percentile).toBeCloseTo((100 * below) / valScores.length, 6);
      expect(entry.aboveThreshold).toBe(entry.score > entry.threshold);
    }
    store.close();
  });

  it('offers examples of both test splits with mixed grades', async () => {
    const examples = await engine.playgroundExamples(datasetId, { perSplit: 3 });
    expect(examples.filter((example) => example.split === 'test_id')).toHaveLength(3);
    expect(examples.filter((example) => example.split === 'test_ood')).toHaveLength(3);
    const idGrades = new Set(examples.filter((example) => example.split === 'test_id').map((example) => example.grade));
    expect(idGrades.size).toBeGreaterThan(1);
    expect(await engine.playgroundExamples(datasetId, { perSplit: 3 })).toEqual(examples);
  });

  it('refuses bad pairs and options, and unknown checkpoints', async () => {
    await expect(engine.scorePlaygroundPair(checkpointId, datasetId, { query: 'x', item: 'Term life' as never })).rejects.toThrow(InvalidOptionError);
    await expect(engine.scorePlaygroundPair(checkpointId, datasetId, { query: 'x'.repeat(20_000), item: pair.item })).rejects.toThrow(/at most 10000/);
    await expect(engine.preparePlayground(checkpointId, datasetId, { keep: 1.5 })).rejects.toThrow(InvalidOptionError);
    await expect(engine.preparePlayground('no-such-checkpoint', datasetId)).rejects.toThrow(/No model checkpoint with id "no-such-checkpoint"/);
  });

  it('is a job: busy while another runs, and cancel stops a fit', async () => {
    const fitting = engine.preparePlayground(checkpointId, datasetId, { k: 3 });
    await expect(engine.scorePlaygroundPair(checkpointId, datasetId, pair)).rejects.toThrow(BusyError);
    await engine.cancel();
    await expect(fitting).rejects.toThrow(CancelledError);
    expect((await engine.jobStatus()).state).toBe('idle');
  });

  it('frees its model and leaves no tensors behind', async () => {
    await engine.releaseModel();
    await engine.releasePlayground();
    const before = (await engine.memory()).numTensors;
    await engine.scorePlaygroundPair(checkpointId, datasetId, pair, { k: 5 });
    expect((await engine.memory()).numTensors).toBeGreaterThan(before);
    await engine.releasePlayground();
    expect((await engine.memory()).numTensors).toBe(before);
  });
});
