// The engine on a host with shipped models (the page's worker): its pipeline starts nano and small
// from the shipped model by default, stores it once under its content key, and pretrains here when
// asked or when the preset has no shipped model.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { shippedModelFolders } from '../core/pipeline/shipped/node-folder';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { PipelineRequest } from './pipeline-types';
import type { LabEngine } from './types';

let engine: LabEngine;
let request: PipelineRequest;

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, shippedModels: shippedModelFolders(), openStore: () => openLabStore('pipeline-shipped', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  const datasetId = (await engine.generateDataset({ seed: 4, sizes: { train: 40, val: 16, test_id: 16, test_ood: 16, pool: 30 } })).info.id;
  request = { datasetId, preset: 'nano', seed: 1 };
});

describe('pipeline methods with shipped models', () => {
  it('default to the shipped model for nano and small, and pretrain here for base', async () => {
    expect((await engine.pipelineDefaults('nano')).pretrain.source).toBe('shipped');
    expect((await engine.pipelineDefaults('small')).pretrain.source).toBe('shipped');
    expect((await engine.pipelineDefaults('base')).pretrain.source).toBe('here');
  });

  it('run the Pretrain stage from the shipped model at once, then find it stored for another seed', async () => {
    const started = performance.now();
    const first = await engine.runPipelineStage(request, 'pretrain');
    expect(first.status.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual(['pretrain:computed']);
    expect(first.status.stages[0].summary).toMatch(/^the shipped nano model \([\d,]+ steps, held-out LM loss \d\.\d{3}\)$/);
    expect(performance.now() - started).toBeLessThan(10_000);
    const other = await engine.runPipelineStage({ ...request, seed: 2 }, 'pretrain');
    expect(other.status.stages[0]).toMatchObject({ stage: 'pretrain', status: 'stored', key: first.status.stages[0].key });
    const here = await engine.pipelineResults({ ...request, settings: { pretrain: { source: 'here' } } });
    expect(here.status.stages).toEqual([]);
  }, 60_000);
});
