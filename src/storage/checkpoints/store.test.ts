import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CorruptStoredDataError, InvalidStoreInputError, StorageWriteConflictError, StoredItemNotFoundError } from '../errors';
import { beginGeneration } from '../generations';
import { openLabStore } from '../lab-store';
import { openWithMigrations } from '../migrations';
import { freshDbName, pausingProgress, sameTensors, sampleCheckpoint } from '../test-support';
import type { WriteProgress } from '../types';

const CHUNK = 1024; // small chunks, so a few thousand floats make many records

async function chunkKeys(dbName: string): Promise<[string, number, number][]> {
  const db = await openWithMigrations(dbName);
  const keys = await db.getAllKeys('checkpointChunks');
  db.close();
  return keys;
}

describe('checkpoint store', () => {
  it('round-trips a checkpoint through chunks of bounded size', async () => {
    const dbName = freshDbName('roundtrip');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const checkpoint = sampleCheckpoint('a', 1, [700, 33, 1500, 0, 1]);
    const progress: WriteProgress[] = [];
    const summary = await store.saveCheckpoint(checkpoint, { onProgress: (p) => void progress.push(p) });
    const totalBytes = 4 * (700 + 33 + 1500 + 0 + 1);
    expect(summary.byteSize).toBe(totalBytes);
    expect(progress.map((p) => p.chunksWritten)).toEqual(Array.from({ length: Math.ceil(totalBytes / CHUNK) }, (_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ bytesWritten: totalBytes, totalBytes });

    const db = await openWithMigrations(dbName);
    const chunks = await db.getAll('checkpointChunks');
    db.close();
    expect(chunks.length).toBe(Math.ceil(totalBytes / CHUNK));
    expect(chunks.every((chunk) => chunk.bytes.byteLength <= CHUNK)).toBe(true);

    const loaded = await store.loadCheckpoint('a');
    expect(loaded).toMatchObject({ id: 'a', name: checkpoint.name, config: checkpoint.config, metadata: checkpoint.metadata });
    expect(sameTensors(loaded.tensors, checkpoint.tensors)).toBe(true);
    expect((await store.listCheckpoints()).map((c) => [c.id, c.byteSize, c.tensors.length])).toEqual([['a', totalBytes, 5]]);
    store.close();
  });

  it('replaces a checkpoint and leaves only the new generation', async () => {
    const dbName = freshDbName('replace');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    await store.saveCheckpoint(sampleCheckpoint('a', 1, [2000]));
    const second = sampleCheckpoint('a', 2, [300]);
    await store.saveCheckpoint(second);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, second.tensors)).toBe(true);
    const keys = await chunkKeys(dbName);
    expect(keys.length).toBe(Math.ceil(1200 / CHUNK));
    expect(new Set(keys.map((key) => key[1])).size).toBe(1);
    store.close();
  });

  it('deletes, and names what is missing', async () => {
    const dbName = freshDbName('delete');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    await store.saveCheckpoint(sampleCheckpoint('a', 1, [600]));
    await store.saveCheckpoint(sampleCheckpoint('b', 2, [600]));
    await store.deleteCheckpoint('a');
    expect((await store.listCheckpoints()).map((c) => c.id)).toEqual(['b']);
    expect((await chunkKeys(dbName)).every((key) => key[0] === 'b')).toBe(true);
    await expect(store.loadCheckpoint('a')).rejects.toThrow(StoredItemNotFoundError);
    await expect(store.loadCheckpoint('a')).rejects.toThrow('No checkpoint with id "a" is stored.');
    await expect(store.deleteCheckpoint('a')).rejects.toThrow(StoredItemNotFoundError);
    store.close();
  });

  it('refuses bad input before writing anything', async () => {
    const dbName = freshDbName('input');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const bad = sampleCheckpoint('a', 1, [4]);
    bad.tensors[0].shape = [5];
    await expect(store.saveCheckpoint(bad)).rejects.toThrow(InvalidStoreInputError);
    await expect(store.saveCheckpoint({ ...sampleCheckpoint('', 1), id: '' })).rejects.toThrow(/id must be a non-empty string/);
    await expect(store.saveCheckpoint({ ...sampleCheckpoint('f', 1), config: { run: () => 1 } })).rejects.toThrow(/config and metadata must be plain data/);
    expect(await chunkKeys(dbName)).toEqual([]);
    store.close();
  });

  it('a writer that died between its chunks and the manifest flip leaves the old checkpoint, and its orphans go on the next open', async () => {
    const dbName = freshDbName('crash');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const old = sampleCheckpoint('a', 1, [900]);
    await store.saveCheckpoint(old);
    const committedKeys = await chunkKeys(dbName);

    // What a tab that died mid-save leaves: a pending generation with some chunks, no flip, a token nobody holds.
    const raw = await openWithMigrations(dbName);
    const generation = await beginGeneration(raw, 'checkpoint', 'a', 'relevance-lab-write:dead-tab');
    for (let index = 0; index < 3; index += 1) await raw.put('checkpointChunks', { checkpointId: 'a', generation, index, bytes: new ArrayBuffer(CHUNK) });
    raw.close();

    expect(sameTensors((await store.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);
    store.close();
    expect((await chunkKeys(dbName)).length).toBe(committedKeys.length + 3);

    const reopened = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    expect(await chunkKeys(dbName)).toEqual(committedKeys);
    const db = await openWithMigrations(dbName);
    expect(await db.getAll('pendingWrites')).toEqual([]);
    db.close();
    expect(sameTensors((await reopened.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);
    reopened.close();
  });

  it('a tab that died after the flip but before dropping the old generation loses nothing but the old chunks', async () => {
    const dbName = freshDbName('crash-after-flip');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const current = sampleCheckpoint('a', 1, [600]);
    await store.saveCheckpoint(current);
    store.close();
    const raw = await openWithMigrations(dbName);
    await raw.put('checkpointChunks', { checkpointId: 'a', generation: 999, index: 0, bytes: new ArrayBuffer(8) }); // a superseded generation
    raw.close();
    const reopened = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    expect((await chunkKeys(dbName)).some((key) => key[1] === 999)).toBe(false);
    expect(sameTensors((await reopened.loadCheckpoint('a')).tensors, current.tensors)).toBe(true);
    reopened.close();
  });

  it('while a save is under way, readers and other tabs see the old checkpoint and leave the new chunks alone', async () => {
    const dbName = freshDbName('live-writer');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const old = sampleCheckpoint('a', 1, [600]);
    const next = sampleCheckpoint('a', 2, [2000]);
    await store.saveCheckpoint(old);
    const pause = pausingProgress(3);
    const saving = store.saveCheckpoint(next, { onProgress: pause.onProgress });
    await pause.paused;

    const otherTab = await openLabStore(dbName, { checkpointChunkBytes: CHUNK }); // collects orphans on open
    expect(await otherTab.collectOrphans()).toBe(0);
    expect(sameTensors((await otherTab.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);

    pause.release();
    await saving;
    expect(sameTensors((await otherTab.loadCheckpoint('a')).tensors, next.tensors)).toBe(true);
    otherTab.close();
    store.close();
  });

  it('a save that fails mid-write removes its chunks and keeps the old checkpoint', async () => {
    const dbName = freshDbName('failed-save');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const old = sampleCheckpoint('a', 1, [600]);
    await store.saveCheckpoint(old);
    const before = await chunkKeys(dbName);
    const failing = store.saveCheckpoint(sampleCheckpoint('a', 2, [3000]), {
      onProgress: ({ chunksWritten }) => {
        if (chunksWritten === 4) throw new Error('cancelled by the user');
      },
    });
    await expect(failing).rejects.toThrow('cancelled by the user');
    expect(await chunkKeys(dbName)).toEqual(before);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);
    store.close();
  });

  it('does not commit when chunks vanished before the flip', async () => {
    const dbName = freshDbName('conflict');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const old = sampleCheckpoint('a', 1, [600]);
    await store.saveCheckpoint(old);
    const pause = pausingProgress(3);
    const saving = store.saveCheckpoint(sampleCheckpoint('a', 2, [768]), { onProgress: pause.onProgress });
    await pause.paused;
    const raw = await openWithMigrations(dbName);
    const [newest] = (await raw.getAllKeys('checkpointChunks')).sort((x, y) => y[1] - x[1]);
    await raw.delete('checkpointChunks', newest);
    raw.close();
    pause.release();
    await expect(saving).rejects.toThrow(StorageWriteConflictError);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, old.tensors)).toBe(true);
    store.close();
  });

  it('says so when a committed checkpoint lost chunks', async () => {
    const dbName = freshDbName('corrupt');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    await store.saveCheckpoint(sampleCheckpoint('a', 1, [600]));
    const raw = await openWithMigrations(dbName);
    const [first] = await raw.getAllKeys('checkpointChunks');
    await raw.delete('checkpointChunks', first);
    raw.close();
    await expect(store.loadCheckpoint('a')).rejects.toThrow(CorruptStoredDataError);
    store.close();
  });
});
