import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCheckpoint } from '../core/checkpoint/capture';
import { CheckpointMismatchError } from '../core/checkpoint/errors';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import type { ModelCheckpoint } from '../core/checkpoint/types';
import { createGpt, disposeGpt, gptConfig } from '../core/model/gpt';
import { RunStoreError } from '../core/pipeline/errors';
import { runStage } from '../core/pipeline/stage';
import { useBackend } from '../core/backend/test-backends';
import { StorageQuotaError } from './errors';
import { IdbRunStore, isRunStorePartial, PIPELINE_RECORD_KIND, type ModelCheckpointCodec } from './idb-run-store';
import { openLabStore, type LabStoreOptions } from './lab-store';
import { freshDbName } from './test-support';

const codec: ModelCheckpointCodec = { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint };
const config = gptConfig('nano', { vocabSize: 300, contextLength: 16 });

async function nanoCheckpoint(seed: number): Promise<ModelCheckpoint> {
  const model = createGpt(config, seed);
  try {
    return await captureCheckpoint(model, { tokenizer: '{"tokenizer":"test"}' });
  } finally {
    disposeGpt(model);
  }
}

async function open(name: string, options: LabStoreOptions = { estimate: null }) {
  const store = await openLabStore(name, options);
  return { store, runs: new IdbRunStore(store, codec) };
}

const firstWeights = (checkpoint: ModelCheckpoint) => Array.from(checkpoint.weights[0].data.slice(0, 8));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the pipeline run store on IndexedDB', () => {
  it('keeps records as JSON gives them back, replaces them in one step, and refuses bad names', async () => {
    const { store, runs } = await open(freshDbName('idb-run-records'));
    expect(await runs.getRecord('stage/probe-0011')).toBeNull();
    await runs.putRecord('stage/probe-0011', { loss: [1.5, NaN, Infinity], nested: { ok: true } });
    expect(await runs.getRecord('stage/probe-0011')).toEqual({ loss: [1.5, null, null], nested: { ok: true } });
    await runs.putRecord('stage/probe-0011', { loss: [0.5] });
    expect(await runs.getRecord('stage/probe-0011')).toEqual({ loss: [0.5] });
    expect(await store.loadRun('stage/probe-0011')).toMatchObject({ kind: PIPELINE_RECORD_KIND, status: 'stored', name: 'DaRL pipeline, probe stage (0011)' });

    for (const bad of ['../escape', '/stage/x', 'Stage/Probe', '']) {
      await expect(runs.putRecord(bad, {})).rejects.toThrow(RunStoreError);
      await expect(runs.getRecord(bad)).rejects.toThrow(`Run store name "${bad}" is not allowed`);
    }
    await expect(runs.putRecord('stage/x', undefined)).rejects.toThrow('Run store record "stage/x" cannot be stored: undefined is not JSON.');
    await runs.delete('stage/probe-0011');
    await runs.delete('stage/never-stored');
    expect(await runs.getRecord('stage/probe-0011')).toBeNull();
    store.close();
  });

  it('names the record when a run of another kind sits under the name', async () => {
    const { store, runs } = await open(freshDbName('idb-run-foreign'));
    await store.saveRun({ id: 'stage/finetune-00ff', kind: 'training-stage' });
    await expect(runs.getRecord('stage/finetune-00ff')).rejects.toThrow('The stored run "stage/finetune-00ff" is a "training-stage" run, not a pipeline record');
    store.close();
  });

  it('stores checkpoints whole, links them from the record of the same name, and deletes both', async () => {
    const dbName = freshDbName('idb-run-checkpoints');
    const { store, runs } = await open(dbName);
    const checkpoint = await nanoCheckpoint(1);
    expect(await runs.getCheckpoint('stage/pretrain-aa')).toBeNull();
    await runs.putCheckpoint('stage/pretrain-aa', checkpoint);
    await runs.putRecord('stage/pretrain-aa', { steps: 3 });
    await runs.putCheckpoint('partial/finetune-bb', checkpoint);
    store.close();

    // Another connection (a reload) reads the same weights back, bit for bit.
    const again = await open(dbName);
    const back = (await again.runs.getCheckpoint('stage/pretrain-aa'))!;
    expect(back.config).toEqual(checkpoint.config);
    expect(back.tokenizer).toBe(checkpoint.tokenizer);
    expect(back.weights.map((tensor) => tensor.name)).toEqual(checkpoint.weights.map((tensor) => tensor.name));
    back.weights.forEach((tensor, i) => expect(Array.from(tensor.data)).toEqual(Array.from(checkpoint.weights[i].data)));
    expect(await again.store.loadRun('stage/pretrain-aa')).toMatchObject({ checkpointId: 'stage/pretrain-aa' });

    const listed = await again.store.listCheckpoints();
    expect(listed.filter(isRunStorePartial).map((entry) => entry.id)).toEqual(['partial/finetune-bb']);
    expect(listed.find((entry) => entry.id === 'stage/pretrain-aa')!.name).toBe('DaRL pipeline, pretrain stage (aa)');

    // A checkpoint deleted on its own (a training screen's Delete) takes its record's stage with it.
    await again.store.deleteCheckpoint('stage/pretrain-aa');
    expect(await again.runs.getRecord('stage/pretrain-aa')).toBeNull();
    await again.runs.putCheckpoint('stage/pretrain-aa', checkpoint);
    expect(await again.runs.getRecord('stage/pretrain-aa')).toEqual({ steps: 3 });

    await again.runs.delete('stage/pretrain-aa');
    expect(await again.runs.getCheckpoint('stage/pretrain-aa')).toBeNull();
    expect(await again.runs.getRecord('stage/pretrain-aa')).toBeNull();
    expect((await again.store.listCheckpoints()).map((entry) => entry.id)).toEqual(['partial/finetune-bb']);
    again.store.close();
  });

  it('replaces a checkpoint atomically: a write that does not fit leaves the old one readable', async () => {
    let free = 10_000_000;
    const { store, runs } = await open(freshDbName('idb-run-quota'), { estimate: async () => ({ quota: free, usage: 0 }) });
    const first = await nanoCheckpoint(1);
    await runs.putCheckpoint('stage/probe-cc', first);
    free = 1000;
    await expect(runs.putCheckpoint('stage/probe-cc', await nanoCheckpoint(2))).rejects.toThrow(StorageQuotaError);
    await expect(runs.putCheckpoint('stage/probe-cc', await nanoCheckpoint(2))).rejects.toThrow('checkpoint "DaRL pipeline, probe stage (cc)"');
    expect(firstWeights((await runs.getCheckpoint('stage/probe-cc'))!)).toEqual(firstWeights(first));
    free = 10_000_000;
    const second = await nanoCheckpoint(2);
    await runs.putCheckpoint('stage/probe-cc', second);
    expect(firstWeights((await runs.getCheckpoint('stage/probe-cc'))!)).toEqual(firstWeights(second));
    store.close();
  });

  it('names the checkpoint when what is stored under the name is not a model', async () => {
    const { store, runs } = await open(freshDbName('idb-run-not-model'));
    await store.saveCheckpoint({ id: 'stage/dasa-dd', name: 'weights only', config: {}, metadata: {}, tensors: [] });
    await expect(runs.getCheckpoint('stage/dasa-dd')).rejects.toThrow(CheckpointMismatchError);
    await expect(runs.getCheckpoint('stage/dasa-dd')).rejects.toThrow('run store checkpoint "stage/dasa-dd"');
    store.close();
  });

  it('serves runStage: a stage computed once is found again after the database is reopened', async () => {
    const dbName = freshDbName('idb-run-stage');
    let calls = 0;
    const call = { stage: 'probe' as const, settings: { lr: 1 }, inputKeys: ['data'], run: async () => ({ record: { calls: ++calls }, checkpoint: await nanoCheckpoint(3) }) };
    const { store, runs } = await open(dbName);
    const computed = await runStage(runs, call);
    expect(computed.status).toBe('computed');
    store.close();
    const again = await open(dbName);
    const stored = await runStage(again.runs, call);
    expect(stored).toMatchObject({ status: 'stored', key: computed.key, record: { calls: 1 }, model: computed.model });
    expect(firstWeights(await stored.checkpoint())).toEqual(firstWeights(await computed.checkpoint()));
    expect(calls).toBe(1);
    again.store.close();
  });
});
