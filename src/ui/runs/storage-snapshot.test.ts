import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { splitStats } from '../../core/data/schema';
import { openLabStore } from '../../storage';
import { freshDbName, sampleCheckpoint, sampleDatasetInfo, sampleExamples } from '../../storage/test-support';
import { deletionPlan, describeRun, readStorageSnapshot } from './storage-snapshot';

describe('the storage snapshot', () => {
  it('lists runs with their linked checkpoints and sizes, checkpoints with the runs that link them, datasets and tokenizers', async () => {
    const store = await openLabStore(freshDbName('snapshot'), { estimate: async () => ({ quota: 10_000_000, usage: 123_456 }) });
    await store.saveCheckpoint({ ...sampleCheckpoint('ft-1', 1, [100]), metadata: { training: { stage: 'finetune' } } });
    await store.saveCheckpoint(sampleCheckpoint('lp-1', 2, [50]));
    await store.saveRun({ id: 'training/ft-1', kind: 'training-stage', name: 'Fine-tune', checkpointId: 'ft-1', status: 'done', startedAt: '2025-01-02T00:00:00.000Z' });
    await store.saveRun({ id: 'pipeline/a', kind: 'pipeline', checkpointIds: ['lp-1', 'ft-1', 'gone'], createdAt: '2025-01-03T00:00:00.000Z' });
    const [train, val] = [sampleExamples('train', 7, 1), sampleExamples('val', 3, 2)];
    await store.saveDataset({ ...sampleDatasetInfo('d1', 'tiny'), splits: { train: splitStats(train), val: splitStats(val) } }, { train, val });
    await store.saveTokenizer({ id: 't1', name: 'tok', json: { vocab: [1, 2, 3] } });

    const snapshot = await readStorageSnapshot(store);
    expect(snapshot.usage).toMatchObject({ quota: 10_000_000, usage: 123_456 });
    const pipeline = snapshot.runs.find((run) => run.id === 'pipeline/a')!;
    expect(pipeline).toMatchObject({ kind: 'pipeline', name: null, created: '2025-01-03T00:00:00.000Z', status: null });
    expect(pipeline.checkpoints).toEqual([
      { id: 'lp-1', name: 'ckpt lp-1 #2', byteSize: 200 },
      { id: 'ft-1', name: 'ckpt ft-1 #1', byteSize: 400 },
      { id: 'gone', name: null, byteSize: null },
    ]);
    expect(pipeline.totalBytes).toBe(pipeline.recordBytes + 600);
    expect(pipeline.recordBytes).toBeGreaterThan(50);
    const training = snapshot.runs.find((run) => run.id === 'training/ft-1')!;
    expect(training).toMatchObject({ kind: 'training-stage', name: 'Fine-tune', status: 'done', created: '2025-01-02T00:00:00.000Z' });
    expect(snapshot.checkpoints.find((entry) => entry.id === 'ft-1')).toMatchObject({ stage: 'finetune', byteSize: 400, runIds: expect.arrayContaining(['training/ft-1', 'pipeline/a']) });
    expect(snapshot.checkpoints.find((entry) => entry.id === 'lp-1')).toMatchObject({ stage: null, runIds: ['pipeline/a'] });
    expect(snapshot.datasets).toEqual([expect.objectContaining({ id: 'd1', name: 'tiny', examples: 10 })]);
    expect(snapshot.datasets[0].byteSize).toBeGreaterThan(0);
    expect(snapshot.tokenizers).toEqual([expect.objectContaining({ id: 't1', name: 'tok' })]);
    store.close();
  });

  it('plans a run deletion: checkpoints only it links go, shared ones stay', () => {
    const sizes = new Map([['a', { name: 'A', byteSize: 10 }], ['b', { name: 'B', byteSize: 20 }]]);
    const runs = [
      describeRun({ id: 'r1', checkpointIds: ['a', 'b', 'missing'] }, 5, sizes),
      describeRun({ id: 'r2', checkpointId: 'b' }, 5, sizes),
    ];
    expect(deletionPlan('r1', runs)).toEqual({ deleted: [{ id: 'a', name: 'A', byteSize: 10 }], kept: [{ checkpoint: { id: 'b', name: 'B', byteSize: 20 }, by: ['r2'] }] });
    expect(deletionPlan('r2', runs)).toEqual({ deleted: [], kept: [{ checkpoint: { id: 'b', name: 'B', byteSize: 20 }, by: ['r1'] }] });
    expect(describeRun({ id: 'x', kind: 3, status: '' }, 1, sizes)).toMatchObject({ kind: 'run', status: null, checkpoints: [], totalBytes: 1 });
  });
});
