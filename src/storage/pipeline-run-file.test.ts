// A DaRL pipeline run (`pipeline/<dataset id>` linking its stage records) as one .labrun file: export,
// delete, import back whole; shared stages; version 1 files; conflicts. The stages are written through
// the IndexedDB run store, as the engine writes them, with a stand-in for the tfjs checkpoint codec.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelCheckpoint } from '../core/checkpoint/types';
import { IdbRunStore, type ModelCheckpointCodec } from './idb-run-store';
import { openLabStore, type LabStore } from './lab-store';
import { exportRunFile, importRunFile, InvalidRunFileError, parseRunFile, RUN_FILE_VERSION, RunImportConflictError } from './run-file';
import { runDeletionPlan } from './run-links';
import { freshDbName, sameTensors, sampleCheckpoint, withRunFileIndex as withIndex } from './test-support';

/** The codec stand-in: a "model checkpoint" is its seed; stored, it is a sample checkpoint of that seed. */
const codec: ModelCheckpointCodec = {
  toStored: (checkpoint, id, name) => ({ ...sampleCheckpoint(id, (checkpoint as unknown as { seed: number }).seed, [4, 30]), name }),
  fromStored: (stored) => ({ seed: (stored.config as { seed: number }).seed }) as unknown as ModelCheckpoint,
};
const model = (seed: number) => ({ seed }) as unknown as ModelCheckpoint;

/** Stage records as runStage writes them, and the pipeline run that links them (pipeline-methods.ts). */
async function writePipeline(store: LabStore, datasetId: string, stages: [string, number | null][]): Promise<string[]> {
  const runs = new IdbRunStore(store, codec);
  const names: string[] = [];
  for (const [name, seed] of stages) {
    if (seed !== null) await runs.putCheckpoint(name, model(seed));
    await runs.putRecord(name, { format: 'relevance-lab/stage-output', stage: name.split(/[/-]/)[1], key: name.split('-').pop(), seconds: 1.5, finishedAt: '2025-01-01T00:00:00.000Z' });
    names.push(name);
  }
  await store.saveRun({
    id: `pipeline/${datasetId}`,
    kind: 'pipeline-run',
    datasetId,
    datasetName: `data ${datasetId}`,
    status: 'done',
    stages: names.filter((name) => name.startsWith('stage/')).map((name) => ({ name })),
    recordIds: names,
    checkpointIds: stages.filter(([, seed]) => seed !== null).map(([name]) => name),
  });
  return names;
}

async function contents(store: LabStore) {
  return { runs: (await store.listRuns()).map((run) => run.id).sort(), checkpoints: (await store.listCheckpoints()).map((entry) => entry.id).sort() };
}

/** Deletes a run as the Runs screen does: its plan's checkpoints and members, then the run. */
async function deleteWhole(store: LabStore, runId: string): Promise<void> {
  const plan = runDeletionPlan(runId, await store.listRuns());
  for (const id of plan.checkpoints) await store.deleteCheckpoint(id);
  for (const id of plan.records) await store.deleteRun(id);
  await store.deleteRun(runId);
}

const A: [string, number | null][] = [
  ['stage/pretrain-01', 1],
  ['stage/probe-0a', 2],
  ['view/dasa-pca-0a', null],
  ['stage/finetune-0a', 3],
  ['stage/evaluate-0a', null],
];

let store: LabStore;
beforeEach(async () => {
  store = await openLabStore(freshDbName('pipeline-file'), { estimate: null });
});

describe('a pipeline run as one file', () => {
  it('exports the run with every stage record and checkpoint, and after a whole delete imports it back as it was', async () => {
    const names = await writePipeline(store, 'd1', A);
    const before = await contents(store);
    const originals = await Promise.all(['stage/pretrain-01', 'stage/probe-0a', 'stage/finetune-0a'].map((id) => store.loadCheckpoint(id)));
    const records = await Promise.all(['pipeline/d1', ...names].map((id) => store.loadRun(id)));

    const file = await exportRunFile(store, 'pipeline/d1');
    expect(file.fileName).toBe('pipeline-d1.labrun');
    expect(file.recordIds).toEqual(names);
    expect(file.checkpointIds).toEqual(['stage/pretrain-01', 'stage/probe-0a', 'stage/finetune-0a']);
    expect(parseRunFile(file.bytes).index.formatVersion).toBe(RUN_FILE_VERSION);

    await deleteWhole(store, 'pipeline/d1');
    expect(await contents(store)).toEqual({ runs: [], checkpoints: [] });

    const result = await importRunFile(store, file.bytes, { fileName: file.fileName });
    expect(result).toMatchObject({ runId: 'pipeline/d1', recordIds: names, checkpointIds: file.checkpointIds, reused: [], checkpointBytes: 3 * (4 + 30) * 4 });
    expect(await contents(store)).toEqual(before);
    expect(await Promise.all(['pipeline/d1', ...names].map((id) => store.loadRun(id)))).toEqual(records);
    const imported = await Promise.all(['stage/pretrain-01', 'stage/probe-0a', 'stage/finetune-0a'].map((id) => store.loadCheckpoint(id)));
    imported.forEach((checkpoint, i) => {
      expect(checkpoint.metadata).toEqual(originals[i].metadata);
      expect(sameTensors(checkpoint.tensors, originals[i].tensors)).toBe(true);
    });
    // The run store finds the stages again: the pipeline reuses them instead of computing them.
    const runs = new IdbRunStore(store, codec);
    expect(await runs.getRecord('stage/finetune-0a')).toMatchObject({ key: '0a', seconds: 1.5 });
    expect(await runs.getCheckpoint('stage/probe-0a')).toEqual({ seed: 2 });
  });

  it('keeps a stage another pipeline run shares when one is deleted, and reuses it on import', async () => {
    await writePipeline(store, 'd1', A);
    await writePipeline(store, 'd2', [['stage/pretrain-01', 1], ['stage/finetune-0b', 4]]);
    const file = await exportRunFile(store, 'pipeline/d1');
    await deleteWhole(store, 'pipeline/d1');
    expect(await contents(store)).toEqual({ runs: ['pipeline/d2', 'stage/finetune-0b', 'stage/pretrain-01'], checkpoints: ['stage/finetune-0b', 'stage/pretrain-01'] });

    const result = await importRunFile(store, file.bytes, { fileName: 'd1.labrun' });
    expect(result.reused).toEqual(['stage/pretrain-01']);
    expect(result.recordIds).not.toContain('stage/pretrain-01');
    expect(result.checkpointIds).toEqual(['stage/probe-0a', 'stage/finetune-0a']);
    expect((await contents(store)).runs).toContain('pipeline/d1');

    await deleteWhole(store, 'pipeline/d2');
    expect(await contents(store)).toEqual({
      runs: ['pipeline/d1', 'stage/evaluate-0a', 'stage/finetune-0a', 'stage/pretrain-01', 'stage/probe-0a', 'view/dasa-pca-0a'],
      checkpoints: ['stage/finetune-0a', 'stage/pretrain-01', 'stage/probe-0a'],
    });
  });

  it('refuses the whole file when the pipeline run is stored, or an id is taken by something else, and stores nothing', async () => {
    await writePipeline(store, 'd1', A);
    const file = await exportRunFile(store, 'pipeline/d1');
    const before = await contents(store);
    await expect(importRunFile(store, file.bytes, { fileName: 'again.labrun' })).rejects.toThrow(RunImportConflictError);
    await expect(importRunFile(store, file.bytes, { fileName: 'again.labrun' })).rejects.toThrow(/^again\.labrun: run "pipeline\/d1" is already stored/);
    expect(await contents(store)).toEqual(before);

    await deleteWhole(store, 'pipeline/d1');
    await store.saveRun({ id: 'stage/probe-0a', kind: 'training-stage' });
    await store.saveCheckpoint(sampleCheckpoint('stage/finetune-0a', 9));
    const taken = await contents(store);
    await expect(importRunFile(store, file.bytes, { fileName: 'x.labrun' })).rejects.toThrow(/run "stage\/probe-0a", checkpoint "stage\/finetune-0a" are already stored\. .*Nothing was stored\./);
    expect(await contents(store)).toEqual(taken);
  });

  it('takes back what it stored when a record cannot be saved', async () => {
    await writePipeline(store, 'd1', A);
    const file = await exportRunFile(store, 'pipeline/d1');
    const target = await openLabStore(freshDbName('pipeline-file-target'), { estimate: null });
    let saves = 0;
    const failing: LabStore = Object.assign(Object.create(Object.getPrototypeOf(target)) as LabStore, target, {
      saveRun: (run: Parameters<LabStore['saveRun']>[0]) => (++saves === 3 ? Promise.reject(new Error('quota: no room')) : target.saveRun(run)),
    });
    await expect(importRunFile(failing, file.bytes)).rejects.toThrow('no room');
    expect(await contents(target)).toEqual({ runs: [], checkpoints: [] });
  });

  it('checks the records against the run, and still reads a version 1 file', async () => {
    await writePipeline(store, 'd1', A);
    const { bytes } = await exportRunFile(store, 'pipeline/d1');
    const change = (edit: (index: Record<string, unknown>) => void) => withIndex(bytes, edit);
    const bad: [Uint8Array, RegExp][] = [
      [change((index) => (index.records = (index.records as unknown[]).slice(1))), /links run record "stage\/pretrain-01", which the file does not hold/],
      [change((index) => (index.records as unknown[]).push({ id: 'stage/extra-1' })), /holds run record "stage\/extra-1", which the run does not link/],
      [change((index) => (index.records = 'all')), /"records" must be a list/],
      [change((index) => ((index.records as Record<string, unknown>[])[0] = { kind: 'x' })), /records\[0\] must be a run record/],
    ];
    for (const [file, message] of bad) {
      const error = await importRunFile(store, file, { fileName: 'bad.labrun' }).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRunFileError);
      expect((error as Error).message).toMatch(message);
    }

    // A version 1 file held one run and its own checkpoints: read as before, without members.
    const v1 = await openLabStore(freshDbName('pipeline-file-v1'), { estimate: null });
    await v1.saveCheckpoint(sampleCheckpoint('ft-1', 1, [5]));
    await v1.saveRun({ id: 'training/ft-1', kind: 'training-stage', checkpointId: 'ft-1' });
    const old = withIndex((await exportRunFile(v1, 'training/ft-1')).bytes, (index) => {
      index.formatVersion = 1;
      delete index.records;
    });
    expect(parseRunFile(old).records).toEqual([]);
    expect(await importRunFile(store, old)).toMatchObject({ runId: 'training/ft-1', recordIds: [], checkpointIds: ['ft-1'] });
  });
});

