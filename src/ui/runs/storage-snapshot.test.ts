import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { splitStats } from '../../core/data/schema';
import { openLabStore } from '../../storage';
import { freshDbName, sampleCheckpoint, sampleDatasetInfo, sampleExamples } from '../../storage/test-support';
import { describeRun, readStorageSnapshot } from './storage-snapshot';

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
    const runs = [{ id: 'r1', checkpointIds: ['a', 'b', 'missing'] }, { id: 'r2', checkpointId: 'b' }];
    const row = (id: string) => describeRun(runs.find((run) => run.id === id)!, runs, () => 5, sizes);
    expect(row('r1').deletion).toEqual({ records: [], checkpoints: [{ id: 'a', name: 'A', byteSize: 10 }], kept: [{ id: 'b', by: ['r2'] }], freedBytes: 15 });
    expect(row('r1')).toMatchObject({ members: null, dataset: null, totalBytes: 35, sharedBytes: 20 });
    expect(row('r2').deletion).toEqual({ records: [], checkpoints: [], kept: [{ id: 'b', by: ['r1'] }], freedBytes: 5 });
    expect(describeRun({ id: 'x', kind: 3, status: '' }, [], () => 1, sizes)).toMatchObject({ kind: 'run', status: null, checkpoints: [], totalBytes: 1 });
  });

  it('shows a pipeline run as one row with its stages inside, each size counted once, and what a deletion keeps', async () => {
    const store = await openLabStore(freshDbName('snapshot-pipeline'), { estimate: null });
    const stage = (name: string, seconds: number, checkpoint: boolean) => ({
      id: name,
      kind: 'pipeline-record',
      ...(checkpoint ? { checkpointId: name } : {}),
      value: { stage: name.split(/[/-]/)[1], seconds, finishedAt: '2025-02-01T00:00:00.000Z' },
    });
    await store.saveCheckpoint(sampleCheckpoint('stage/pretrain-01', 1, [100]));
    await store.saveCheckpoint(sampleCheckpoint('stage/finetune-0a', 2, [50]));
    await store.saveRun(stage('stage/pretrain-01', 3.25, true));
    await store.saveRun(stage('stage/finetune-0a', 1.5, true));
    await store.saveRun({ id: 'view/dasa-pca-0a', kind: 'pipeline-record', value: { idPoints: [1, 2] } });
    await store.saveRun(stage('stage/probe-ff', 2, false)); // an older run's stage: no pipeline run links it
    const records = ['stage/pretrain-01', 'view/dasa-pca-0a', 'stage/finetune-0a', 'stage/evaluate-gone'];
    await store.saveRun({ id: 'pipeline/d1', kind: 'pipeline-run', name: 'DaRL pipeline on tiny', datasetId: 'd1', datasetName: 'tiny', status: 'done', recordIds: records, checkpointIds: ['stage/pretrain-01', 'stage/finetune-0a'] });
    await store.saveRun({ id: 'pipeline/d2', kind: 'pipeline-run', datasetId: 'd2', status: 'failed', recordIds: ['stage/pretrain-01'], checkpointIds: ['stage/pretrain-01'] });
    const [train] = [sampleExamples('train', 4, 1)];
    await store.saveDataset({ ...sampleDatasetInfo('d1', 'tiny'), splits: { train: splitStats(train) } }, { train });

    const snapshot = await readStorageSnapshot(store);
    expect(snapshot.runs.map((run) => run.id).sort()).toEqual(['pipeline/d1', 'pipeline/d2', 'stage/probe-ff']);
    const d1 = snapshot.runs.find((run) => run.id === 'pipeline/d1')!;
    expect(d1).toMatchObject({ kind: 'pipeline-run', status: 'done', dataset: { id: 'd1', name: 'tiny', stored: true } });
    expect(d1.members!.map((entry) => [entry.id, entry.stage, entry.seconds, entry.checkpoint?.byteSize ?? null, entry.sharedWith])).toEqual([
      ['stage/pretrain-01', 'pretrain', 3.25, 400, ['pipeline/d2']],
      ['view/dasa-pca-0a', null, null, null, []],
      ['stage/finetune-0a', 'finetune', 1.5, 200, []],
      ['stage/evaluate-gone', null, null, null, []],
    ]);
    expect(d1.members![3].recordBytes).toBeNull();
    const bytes = (id: string) => snapshot.usage.perItem.find((item) => item.kind === 'run' && item.id === id)!.byteSize;
    const memberBytes = bytes('stage/pretrain-01') + bytes('view/dasa-pca-0a') + bytes('stage/finetune-0a');
    expect(d1.totalBytes).toBe(bytes('pipeline/d1') + memberBytes + 600);
    expect(d1.sharedBytes).toBe(bytes('stage/pretrain-01') + 400);
    expect(d1.deletion).toMatchObject({
      records: ['view/dasa-pca-0a', 'stage/finetune-0a'],
      checkpoints: [{ id: 'stage/finetune-0a', byteSize: 200 }],
      kept: [{ id: 'stage/pretrain-01', by: ['pipeline/d2'] }],
      freedBytes: d1.totalBytes - d1.sharedBytes,
    });
    expect(snapshot.runs.find((run) => run.id === 'pipeline/d2')).toMatchObject({ status: 'failed', dataset: { id: 'd2', stored: false } });
    expect(snapshot.checkpoints.find((entry) => entry.id === 'stage/pretrain-01')!.runIds.sort()).toEqual(['pipeline/d1', 'pipeline/d2']);
    store.close();
  });
});
