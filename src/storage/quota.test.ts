import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageQuotaError } from './errors';
import { openLabStore } from './lab-store';
import { openWithMigrations } from './migrations';
import { freshDbName, sameTensors, sampleCheckpoint, sampleDatasetInfo, sampleExamples } from './test-support';

const CHUNK = 1024;
const originalPut = IDBObjectStore.prototype.put;

/** Makes the `failAt`-th put into `storeName` abort its transaction with QuotaExceededError, as a full disk does at commit. */
function failPutWithQuota(storeName: string, failAt: number): void {
  let puts = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    const request = originalPut.apply(this, args);
    if (this.name === storeName && ++puts === failAt) (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
    return request;
  };
}

afterEach(() => {
  IDBObjectStore.prototype.put = originalPut;
});

async function storedKeys(dbName: string, store: 'checkpointChunks' | 'exampleChunks' | 'pendingWrites') {
  const db = await openWithMigrations(dbName);
  const keys = await db.getAllKeys(store);
  db.close();
  return keys;
}

describe('storage quota', () => {
  it('refuses a write the estimate says will not fit, naming sizes and the largest items', async () => {
    const dbName = freshDbName('quota-estimate');
    let free = Number.MAX_SAFE_INTEGER;
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK, estimate: async () => ({ quota: 1_000_000 + free, usage: 1_000_000 }) });
    const kept = sampleCheckpoint('big', 1, [5000], 'big model');
    await store.saveCheckpoint(kept);
    await store.saveDataset(sampleDatasetInfo('d', 'small data'), { train: sampleExamples('train', 10, 1) });
    const chunksBefore = await storedKeys(dbName, 'checkpointChunks');

    free = 10_000;
    const error = await store.saveCheckpoint(sampleCheckpoint('new', 2, [4000], 'new model')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageQuotaError);
    const quotaError = error as StorageQuotaError;
    expect(quotaError.details).toMatchObject({ bytesNeeded: 16_000, bytesFree: 10_000 });
    expect((quotaError.details.largestItems as { kind: string; id: string }[]).map((item) => [item.kind, item.id])).toEqual([
      ['checkpoint', 'big'],
      ['dataset', 'd'],
    ]);
    expect(quotaError.message).toContain('needs 15.6 KiB, 9.8 KiB free');
    expect(quotaError.message).toContain('checkpoint "big model" (19.5 KiB)');
    expect(await storedKeys(dbName, 'checkpointChunks')).toEqual(chunksBefore);
    expect(sameTensors((await store.loadCheckpoint('big')).tensors, kept.tensors)).toBe(true);

    await expect(store.saveDataset(sampleDatasetInfo('e'), { train: sampleExamples('train', 500, 2) })).rejects.toThrow(StorageQuotaError);
    await expect(store.saveRun({ id: 'r', log: 'x'.repeat(20_000) })).rejects.toThrow(StorageQuotaError);
    store.close();
  });

  it('a QuotaExceededError mid-write rolls the new generation back and keeps the previous checkpoint', async () => {
    const dbName = freshDbName('quota-midwrite');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK, estimate: null });
    const old = sampleCheckpoint('a', 1, [700]);
    await store.saveCheckpoint(old);
    const before = await storedKeys(dbName, 'checkpointChunks');

    failPutWithQuota('checkpointChunks', 4);
    const error = await store.saveCheckpoint(sampleCheckpoint('a', 2, [3000])).catch((caught: unknown) => caught);
    IDBObjectStore.prototype.put = originalPut;
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect((error as StorageQuotaError).details).toMatchObject({ bytesNeeded: 12_000, bytesFree: null });
    expect((error as StorageQuotaError).message).toMatch(/the browser refused to store more/);
    expect(await storedKeys(dbName, 'checkpointChunks')).toEqual(before);
    expect(await storedKeys(dbName, 'pendingWrites')).toEqual([]);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);
    store.close();
  });

  it('a QuotaExceededError mid-write of a dataset keeps the previous dataset whole', async () => {
    const dbName = freshDbName('quota-dataset');
    const store = await openLabStore(dbName, { examplesPerChunk: 10, estimate: null });
    const oldTrain = sampleExamples('train', 25, 1);
    await store.saveDataset(sampleDatasetInfo('d', 'first'), { train: oldTrain });
    failPutWithQuota('exampleChunks', 3);
    await expect(store.saveDataset(sampleDatasetInfo('d', 'second'), { train: sampleExamples('train', 60, 2) })).rejects.toThrow(StorageQuotaError);
    IDBObjectStore.prototype.put = originalPut;
    expect((await store.loadDatasetInfo('d')).name).toBe('first');
    expect(await store.loadExamples('d', 'train')).toEqual(oldTrain);
    expect((await storedKeys(dbName, 'exampleChunks')).length).toBe(3);
    store.close();
  });
});
