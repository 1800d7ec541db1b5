import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NonFiniteTensorError } from '../../core/io/errors';
import { CorruptStoredDataError } from '../errors';
import { openLabStore } from '../lab-store';
import { openWithMigrations } from '../migrations';
import { generationRange } from '../schema';
import { freshDbName, sameTensors, sampleCheckpoint } from '../test-support';

const CHUNK = 1024;

async function withDb<T>(dbName: string, work: (db: Awaited<ReturnType<typeof openWithMigrations>>) => Promise<T>): Promise<T> {
  const db = await openWithMigrations(dbName);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

const generations = (dbName: string) => withDb(dbName, async (db) => [...new Set((await db.getAllKeys('checkpointChunks')).map((key) => key[1]))].sort());

/** Drops one chunk of the committed newest slot, as a damaged or half-copied database would. */
const damageNewestSlot = (dbName: string, id: string) =>
  withDb(dbName, async (db) => {
    const manifest = (await db.get('checkpoints', id))!;
    const [first] = await db.getAllKeys('checkpointChunks', generationRange(id, manifest.generation));
    await db.delete('checkpointChunks', first);
  });

describe('checkpoint slots', () => {
  it('refuses weights holding NaN or Infinity and keeps what was stored', async () => {
    const dbName = freshDbName('non-finite');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const good = sampleCheckpoint('a', 1, [600, 4, 10]);
    await store.saveCheckpoint(good);
    const bad = sampleCheckpoint('a', 2, [600, 4, 10]);
    (bad.tensors[2].data as Float32Array)[7] = Number.POSITIVE_INFINITY;
    const refused = store.saveCheckpoint(bad);
    await expect(refused).rejects.toThrow(NonFiniteTensorError);
    await expect(refused).rejects.toThrow(/checkpoint "ckpt a #2": tensor "layer2.weight" holds Infinity at index 7/);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, good.tensors)).toBe(true);
    expect(await generations(dbName)).toHaveLength(1);
    store.close();
  });

  it('with keepPrevious, the checkpoint a save replaced is kept and loaded when the newest slot is damaged', async () => {
    const dbName = freshDbName('fallback');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    const older = sampleCheckpoint('a', 1, [900]);
    const newer = sampleCheckpoint('a', 2, [900]);
    await store.saveCheckpoint(older, { keepPrevious: true });
    await store.saveCheckpoint(newer, { keepPrevious: true });
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, newer.tensors)).toBe(true);
    expect(await generations(dbName)).toHaveLength(2);

    await damageNewestSlot(dbName, 'a');
    const loaded = await store.loadCheckpoint('a');
    expect(sameTensors(loaded.tensors, older.tensors)).toBe(true);
    expect(loaded.name).toBe(older.name);
    expect(loaded.fallback).toBe('the newest save is unusable (3 of 4 weight chunks are stored)');
    store.close();
  });

  it('loads the previous slot when the newest one holds non-finite weights (written before this check existed)', async () => {
    const dbName = freshDbName('fallback-nan');
    const store = await openLabStore(dbName, { checkpointChunkBytes: 1 << 20 });
    const older = sampleCheckpoint('a', 1, [50]);
    await store.saveCheckpoint(older, { keepPrevious: true });
    await store.saveCheckpoint(sampleCheckpoint('a', 2, [50]), { keepPrevious: true });
    await withDb(dbName, async (db) => {
      const manifest = (await db.get('checkpoints', 'a'))!;
      const [chunk] = await db.getAll('checkpointChunks', generationRange('a', manifest.generation));
      new Float32Array(chunk.bytes)[3] = Number.NaN;
      await db.put('checkpointChunks', chunk);
    });
    const loaded = await store.loadCheckpoint('a');
    expect(sameTensors(loaded.tensors, older.tensors)).toBe(true);
    expect(loaded.fallback).toMatch(/the newest save is unusable \(tensor "layer0.weight" holds NaN at index 3\)/);
    store.close();
  });

  it('names both problems when no slot is usable', async () => {
    const dbName = freshDbName('no-good-slot');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    await store.saveCheckpoint(sampleCheckpoint('a', 1, [900]), { keepPrevious: true });
    await damageNewestSlot(dbName, 'a');
    await expect(store.loadCheckpoint('a')).rejects.toThrow(CorruptStoredDataError);
    await store.saveCheckpoint(sampleCheckpoint('a', 2, [900]), { keepPrevious: true });
    await damageNewestSlot(dbName, 'a');
    await withDb(dbName, async (db) => {
      const manifest = (await db.get('checkpoints', 'a'))!;
      await db.delete('checkpointChunks', generationRange('a', manifest.previous!.generation));
    });
    await expect(store.loadCheckpoint('a')).rejects.toThrow(/previous save.*weight chunks/);
    store.close();
  });

  it('keeps at most two slots, drops the previous one on a save without keepPrevious, and deletes both', async () => {
    const dbName = freshDbName('two-slots');
    const store = await openLabStore(dbName, { checkpointChunkBytes: CHUNK });
    for (let seed = 1; seed <= 4; seed++) await store.saveCheckpoint(sampleCheckpoint('a', seed, [300]), { keepPrevious: true });
    expect(await generations(dbName)).toHaveLength(2);
    const usage = await store.usage();
    expect(usage.perItem).toEqual([{ kind: 'checkpoint', id: 'a', name: 'ckpt a #4', byteSize: 2 * 1200 }]);
    // Orphan collection leaves the previous slot alone.
    expect(await store.collectOrphans()).toBe(0);
    expect(await generations(dbName)).toHaveLength(2);

    const last = sampleCheckpoint('a', 5, [300]);
    await store.saveCheckpoint(last);
    expect(await generations(dbName)).toHaveLength(1);
    expect(sameTensors((await store.loadCheckpoint('a')).tensors, last.tensors)).toBe(true);

    await store.saveCheckpoint(sampleCheckpoint('a', 6, [300]), { keepPrevious: true });
    await store.deleteCheckpoint('a');
    expect(await generations(dbName)).toEqual([]);
    store.close();
  });
});
