import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StaleWriteError, StorageWriteConflictError } from './errors';
import { openLabStore } from './lab-store';
import { openWithMigrations } from './migrations';
import { freshDbName, pausingProgress, sameTensors, sampleCheckpoint, sampleDatasetInfo, sampleExamples } from './test-support';

const CHUNK = 1024;

describe('two tabs saving the same id', () => {
  it('a checkpoint save that started first and commits last is refused, and the newer checkpoint stays', async () => {
    const dbName = freshDbName('stale-checkpoint');
    const firstTab = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const secondTab = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const older = sampleCheckpoint('a', 1, [2000]);
    const newer = sampleCheckpoint('a', 2, [600]);
    const pause = pausingProgress(2);
    const slow = firstTab.saveCheckpoint(older, { onProgress: pause.onProgress });
    slow.catch(() => undefined);
    await pause.paused;
    await secondTab.saveCheckpoint(newer);
    pause.release();

    await expect(slow).rejects.toThrow(StaleWriteError);
    await expect(slow).rejects.toThrow(StorageWriteConflictError);
    await expect(slow).rejects.toThrow(/another save of checkpoint "ckpt a #1" started later and was stored first/);
    expect(sameTensors((await firstTab.loadCheckpoint('a')).tensors, newer.tensors)).toBe(true);
    // The refused save leaves no chunks behind.
    const db = await openWithMigrations(dbName);
    expect(new Set((await db.getAllKeys('checkpointChunks')).map((key) => key[1])).size).toBe(1);
    expect(await db.getAll('pendingWrites')).toEqual([]);
    db.close();
    firstTab.close();
    secondTab.close();
  });

  it('a dataset save that started first and commits last is refused, and the newer dataset stays', async () => {
    const dbName = freshDbName('stale-dataset');
    const firstTab = await openLabStore(dbName, { examplesPerChunk: 5 });
    const secondTab = await openLabStore(dbName, { examplesPerChunk: 5 });
    const pause = pausingProgress(1);
    const slow = firstTab.saveDataset(sampleDatasetInfo('d', 'older'), { train: sampleExamples('train', 20, 1) }, { onProgress: pause.onProgress });
    slow.catch(() => undefined);
    await pause.paused;
    const newerExamples = sampleExamples('train', 7, 2);
    await secondTab.saveDataset(sampleDatasetInfo('d', 'newer'), { train: newerExamples });
    pause.release();

    await expect(slow).rejects.toThrow(StaleWriteError);
    expect((await firstTab.loadDatasetInfo('d')).name).toBe('newer');
    expect(await firstTab.loadExamples('d', 'train')).toEqual(newerExamples);
    firstTab.close();
    secondTab.close();
  });

});
