import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InvalidStoreInputError, StoredItemNotFoundError } from './errors';
import { beginGeneration } from './generations';
import { openLabStore } from './lab-store';
import { openWithMigrations } from './migrations';
import { freshDbName, sampleDatasetInfo, sampleExamples } from './test-support';

async function exampleChunkKeys(dbName: string) {
  const db = await openWithMigrations(dbName);
  const keys = await db.getAllKeys('exampleChunks');
  db.close();
  return keys;
}

describe('dataset store', () => {
  it('round-trips every split in chunks of the given size, keeping example order', async () => {
    const dbName = freshDbName('datasets');
    const store = await openLabStore(dbName, { examplesPerChunk: 7 });
    const bySplit = { train: sampleExamples('train', 30, 1), val: sampleExamples('val', 7, 2), test_ood: sampleExamples('test_ood', 1, 3), pool: [] };
    const info = sampleDatasetInfo('d');
    await store.saveDataset(info, bySplit);
    expect(await store.loadDatasetInfo('d')).toEqual(info);
    for (const [split, examples] of Object.entries(bySplit)) expect(await store.loadExamples('d', split as never)).toEqual(examples);
    expect(await store.loadExamples('d', 'test_id')).toEqual([]);
    expect((await exampleChunkKeys(dbName)).length).toBe(5 + 1 + 1);
    expect((await store.listDatasets()).map((d) => d.id)).toEqual(['d']);
    store.close();
  });

  it('replaces a dataset whole: splits not given again are gone, old chunks are dropped', async () => {
    const dbName = freshDbName('replace-dataset');
    const store = await openLabStore(dbName, { examplesPerChunk: 10 });
    await store.saveDataset(sampleDatasetInfo('d', 'v1'), { train: sampleExamples('train', 25, 1), val: sampleExamples('val', 5, 1) });
    const train = sampleExamples('train', 12, 2);
    await store.saveDataset(sampleDatasetInfo('d', 'v2'), { train });
    expect((await store.loadDatasetInfo('d')).name).toBe('v2');
    expect(await store.loadExamples('d', 'train')).toEqual(train);
    expect(await store.loadExamples('d', 'val')).toEqual([]);
    expect((await exampleChunkKeys(dbName)).length).toBe(2);
    store.close();
  });

  it('an interrupted save leaves nothing visible and nothing behind after the next open', async () => {
    const dbName = freshDbName('interrupted-dataset');
    const store = await openLabStore(dbName, { examplesPerChunk: 10 });
    const raw = await openWithMigrations(dbName);
    const generation = await beginGeneration(raw, 'dataset', 'fresh', 'relevance-lab-write:dead-tab');
    await raw.put('exampleChunks', { datasetId: 'fresh', generation, split: 'train', index: 0, examples: sampleExamples('train', 10, 1) });
    raw.close();
    expect(await store.listDatasets()).toEqual([]);
    await expect(store.loadExamples('fresh', 'train')).rejects.toThrow(StoredItemNotFoundError);
    store.close();
    const reopened = await openLabStore(dbName);
    expect(await exampleChunkKeys(dbName)).toEqual([]);
    reopened.close();
  });

  it('a save that fails part way keeps the previous dataset', async () => {
    const dbName = freshDbName('failing-dataset');
    const store = await openLabStore(dbName, { examplesPerChunk: 10 });
    const train = sampleExamples('train', 15, 1);
    await store.saveDataset(sampleDatasetInfo('d', 'kept'), { train });
    const failing = store.saveDataset(sampleDatasetInfo('d', 'lost'), { train: sampleExamples('train', 50, 2) }, {
      onProgress: ({ chunksWritten }) => {
        if (chunksWritten === 3) throw new Error('tab closing');
      },
    });
    await expect(failing).rejects.toThrow('tab closing');
    expect((await store.loadDatasetInfo('d')).name).toBe('kept');
    expect(await store.loadExamples('d', 'train')).toEqual(train);
    expect((await exampleChunkKeys(dbName)).length).toBe(2);
    store.close();
  });

  it('deletes, refuses examples filed under the wrong split, and names what is missing', async () => {
    const dbName = freshDbName('dataset-errors');
    const store = await openLabStore(dbName);
    await store.saveDataset(sampleDatasetInfo('d'), { train: sampleExamples('train', 3, 1) });
    await expect(store.saveDataset(sampleDatasetInfo('e'), { val: sampleExamples('train', 3, 1) })).rejects.toThrow(InvalidStoreInputError);
    await expect(store.saveDataset(sampleDatasetInfo('e'), { val: sampleExamples('train', 3, 1) })).rejects.toThrow(
      /example 0 of the val split \(id "train-1-0"\) says its split is "train"/,
    );
    await store.deleteDataset('d');
    expect(await store.listDatasets()).toEqual([]);
    expect(await exampleChunkKeys(dbName)).toEqual([]);
    await expect(store.loadDatasetInfo('d')).rejects.toThrow('No dataset with id "d" is stored.');
    await expect(store.deleteDataset('d')).rejects.toThrow(StoredItemNotFoundError);
    store.close();
  });
});
