// The Pretrain stage from the shipped nano model: a stage output keyed by the files' content,
// shared by every dataset, read from its files once and never recomputed.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { PipelineInputError } from '../errors';
import { stageKey } from '../keys';
import { MemoryRunStore } from '../memory-run-store';
import { runPipelineStages } from '../pipeline';
import type { PipelineSettings } from '../settings';
import { shippedModelFolders } from '../shipped/node-folder';
import type { ShippedModels } from '../shipped/source';
import { tinyPipelineData, tinyPipelineSettings } from '../test-support';

/** The repository's shipped models, counting how often their files are read. */
function countingShippedModels(): { models: ShippedModels; loads: () => number } {
  const folders = shippedModelFolders();
  let loads = 0;
  const models: ShippedModels = async (preset) => {
    const model = await folders(preset);
    return { ...model, load: () => (loads++, model.load()) };
  };
  return { models, loads: () => loads };
}

const shippedSettings = (seed = 1): PipelineSettings => {
  const settings = tinyPipelineSettings(seed);
  return { ...settings, pretrain: { ...settings.pretrain, source: 'shipped' } };
};

describe('the Pretrain stage with the shipped model', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('uses the shipped files once, then reuses the stored output for any dataset and seed; the next stages run on it', async () => {
    const store = new MemoryRunStore();
    const { models, loads } = countingShippedModels();
    const first = await runPipelineStages(shippedSettings(), tinyPipelineData(3), store, { until: 'probe', shippedModels: models });
    expect(first.pretrain!.status).toBe('computed');
    expect(first.pretrain!.record.shipped?.preset).toBe('nano');
    expect(first.pretrain!.record.steps).toBeGreaterThan(0);
    expect(first.pretrain!.inputKeys[0]).toMatch(/^shipped:[0-9a-f]{64}:[0-9a-f]{64}$/);
    expect(first.probe!.status).toBe('computed');
    expect(loads()).toBe(1);

    const other = await runPipelineStages(shippedSettings(2), tinyPipelineData(4), store, { until: 'pretrain', shippedModels: models });
    expect(other.pretrain!.status).toBe('stored');
    expect(other.pretrain!.key).toBe(first.pretrain!.key);
    expect(other.pretrain!.model).toBe(first.pretrain!.model);
    expect(loads()).toBe(1);
  }, 60_000);

  it('is refused where no shipped models are available, and an unknown source is named', async () => {
    await expect(runPipelineStages(shippedSettings(), tinyPipelineData(3), new MemoryRunStore(), { until: 'pretrain' })).rejects.toThrow(PipelineInputError);
    const bad = shippedSettings();
    (bad.pretrain as { source: string }).source = 'elsewhere';
    await expect(runPipelineStages(bad, tinyPipelineData(3), new MemoryRunStore(), { until: 'pretrain' })).rejects.toThrow(/pretrain\.source/);
  });

  it('keys pretraining here as before shipped models existed (without the source setting)', async () => {
    const settings = tinyPipelineSettings();
    const data = tinyPipelineData(3);
    const { source: _source, ...withoutSource } = settings.pretrain;
    const runs = await runPipelineStages(settings, data, new MemoryRunStore(), { until: null });
    expect(runs.pretrain).toBeUndefined();
    const store = new MemoryRunStore();
    const done = await runPipelineStages(settings, data, store, { until: 'pretrain' });
    expect(done.pretrain!.key).toBe(stageKey('pretrain', withoutSource, [data.fingerprint]));
  }, 60_000);
});
