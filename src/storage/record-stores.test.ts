import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StoredItemNotFoundError } from './errors';
import { openLabStore } from './lab-store';
import { freshDbName, sampleCheckpoint, sampleDatasetInfo, sampleExamples } from './test-support';

describe('tokenizers, runs and usage', () => {
  it('round-trips tokenizers', async () => {
    const store = await openLabStore(freshDbName('tokenizers'));
    const json = { format: 'relevance-lab/byte-bpe-tokenizer', version: 1, vocab: ['a', 'b'], merges: [[0, 1]] };
    await store.saveTokenizer({ id: 't1', name: 'bpe 2', json });
    await store.saveTokenizer({ id: 't2', name: 'as text', json: '{"vocab":[]}' });
    expect(await store.loadTokenizer('t1')).toMatchObject({ id: 't1', name: 'bpe 2', json });
    expect((await store.loadTokenizer('t2')).json).toBe('{"vocab":[]}');
    expect((await store.listTokenizers()).map((t) => [t.id, t.byteSize]).sort()).toEqual([
      ['t1', JSON.stringify(json).length],
      ['t2', JSON.stringify('{"vocab":[]}').length],
    ]);
    await store.deleteTokenizer('t2');
    await expect(store.loadTokenizer('t2')).rejects.toThrow(StoredItemNotFoundError);
    store.close();
  });

  it('round-trips runs, newest first', async () => {
    const store = await openLabStore(freshDbName('runs'));
    await store.saveRun({ id: 'r1', stages: [{ name: 'pretrain', loss: [3, 2] }] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.saveRun({ id: 'r2', note: null });
    expect(await store.loadRun('r1')).toEqual({ id: 'r1', stages: [{ name: 'pretrain', loss: [3, 2] }] });
    expect((await store.listRuns()).map((run) => run.id)).toEqual(['r2', 'r1']);
    await store.deleteRun('r1');
    await expect(store.loadRun('r1')).rejects.toThrow('No run with id "r1" is stored.');
    await expect(store.saveRun({ id: '' })).rejects.toThrow(/id must be a non-empty string/);
    store.close();
  });

  it('reports every item by size, largest first, with the quota when known', async () => {
    const store = await openLabStore(freshDbName('usage'), { estimate: async () => ({ quota: 5_000_000, usage: 123_456 }) });
    await store.saveCheckpoint(sampleCheckpoint('c', 1, [1000], 'model'));
    await store.saveDataset(sampleDatasetInfo('d', 'data'), { train: sampleExamples('train', 5, 1) });
    await store.saveTokenizer({ id: 't', name: 'tok', json: { vocab: ['x'] } });
    await store.saveRun({ id: 'r' });
    const usage = await store.usage();
    expect(usage.perItem.map((item) => [item.kind, item.name])).toEqual([
      ['checkpoint', 'model'],
      ['dataset', 'data'],
      ['tokenizer', 'tok'],
      ['run', 'r'],
    ]);
    expect(usage.perItem[0].byteSize).toBe(4000);
    expect(usage.totalBytes).toBe(usage.perItem.reduce((sum, item) => sum + item.byteSize, 0));
    expect(usage).toMatchObject({ quota: 5_000_000, usage: 123_456 });
    store.close();
    const noQuota = await openLabStore(freshDbName('usage-node'));
    expect(await noQuota.usage()).toEqual({ perItem: [], totalBytes: 0 });
    noQuota.close();
  });
});
