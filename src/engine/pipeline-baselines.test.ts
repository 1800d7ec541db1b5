// The engine's baselines of a stored dataset: the overlap and bag-of-words baselines fitted on its
// train split in the engine, their scalar metrics on test_id and test_ood, kept while the data is unchanged.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { BASELINES, measureBaselines } from '../core/baseline/baselines';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import { PipelineDataCache } from './pipeline-data';
import type { LabEngine } from './types';

const DB = 'pipeline-baselines';
let engine: LabEngine;
let datasetId: string;

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(DB, { estimate: null }) });
  await engine.init({ backend: 'cpu' });
  datasetId = (await engine.generateDataset({ seed: 4, sizes: { train: 300, val: 20, test_id: 60, test_ood: 60, pool: 20 } })).info.id;
});

describe('pipelineBaselines', () => {
  it("fits both baselines on the dataset's train split and gives the variants' scalar metrics on both test splits", async () => {
    const found = await engine.pipelineBaselines(datasetId);
    const { data } = await new PipelineDataCache().get(await openLabStore(DB, { estimate: null }), datasetId);
    expect(found.datasetId).toBe(datasetId);
    expect(found.fingerprint).toBe(data.fingerprint);
    expect(Object.keys(found.baselines)).toEqual([...BASELINES]);
    const expected = measureBaselines(data);
    for (const name of BASELINES) {
      const baseline = found.baselines[name];
      expect(baseline.description).toMatch(/fitted on train/);
      for (const split of ['test_id', 'test_ood'] as const) {
        expect(baseline[split].macro_f1).toBe(expected[name][split].macro_f1);
        expect(baseline[split].ece).toBe(expected[name][split].ece);
        expect(baseline[split]).not.toHaveProperty('confusion_matrix');
        expect(baseline[split].n).toBe(60);
      }
      expect(baseline.id_ood_gap.macro_f1).toBeCloseTo(baseline.test_id.macro_f1 - baseline.test_ood.macro_f1, 12);
    }
  });

  it('computes once per data: the second read is the kept result', async () => {
    const first = await engine.pipelineBaselines(datasetId);
    const started = performance.now();
    const second = await engine.pipelineBaselines(datasetId);
    expect(performance.now() - started).toBeLessThan(first.baselines.overlap.seconds * 1000);
    expect(second).toEqual(first);
  });

  it('refuses a missing or unknown dataset id', async () => {
    await expect(engine.pipelineBaselines('')).rejects.toThrow(InvalidOptionError);
    await expect(engine.pipelineBaselines('no-such-dataset')).rejects.toThrow();
  });
});
