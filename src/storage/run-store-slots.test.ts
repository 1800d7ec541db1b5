import 'fake-indexeddb/auto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithMigrations } from './migrations';
import { IdbRunStore } from './idb-run-store';
import { openLabStore } from './lab-store';
import { generationRange } from './schema';
import { freshDbName } from './test-support';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import { sameModelCheckpoint, sampleModelCheckpoint } from '../core/checkpoint/test-support';
import { DirectoryRunStore } from '../core/pipeline/node-run-store';
import { runStoreSink, type RunStore } from '../core/pipeline/run-store';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-store-slots-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Subject {
  store: RunStore;
  /** Damages the newest save of `name` as a full disk or a broken database would. */
  damageNewest(name: string): Promise<void>;
  /** What is left on disk or in the database for `name`. */
  leftovers(name: string): Promise<number>;
}

async function directory(): Promise<Subject> {
  const root = await mkdtemp(join(dir, 'store-'));
  const path = (name: string) => join(root, `${name}.safetensors`);
  return {
    store: new DirectoryRunStore(root),
    damageNewest: (name) => writeFile(path(name), 'cut'),
    leftovers: async (name) => (await readdir(join(root, name.split('/')[0]))).filter((file) => file.startsWith(name.split('/')[1])).length,
  };
}

async function indexedDb(): Promise<Subject> {
  const dbName = freshDbName('run-store-slots');
  const lab = await openLabStore(dbName, { estimate: null, checkpointChunkBytes: 4096 });
  const withDb = async <T,>(work: (db: Awaited<ReturnType<typeof openWithMigrations>>) => Promise<T>) => {
    const db = await openWithMigrations(dbName);
    try {
      return await work(db);
    } finally {
      db.close();
    }
  };
  return {
    store: new IdbRunStore(lab, { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint }),
    damageNewest: (name) =>
      withDb(async (db) => {
        const manifest = (await db.get('checkpoints', name))!;
        const [first] = await db.getAllKeys('checkpointChunks', generationRange(name, manifest.generation));
        await db.delete('checkpointChunks', first);
      }),
    leftovers: (name) => withDb(async (db) => (await db.getAllKeys('checkpointChunks')).filter((key) => key[0] === name).length),
  };
}

describe.each([
  ['directory', directory],
  ['IndexedDB', indexedDb],
])('%s run store: a training stage\'s periodic checkpoints', (_name, make) => {
  it('keep the one before, which the sink falls back to when the newest is damaged; the final save and delete leave nothing behind', async () => {
    const { store, damageNewest, leftovers } = await make();
    const name = 'partial/finetune-abc';
    const sink = runStoreSink(store, name);
    const first = sampleModelCheckpoint(1, 10);
    await sink.save(first);
    await sink.save(sampleModelCheckpoint(2, 20));
    await damageNewest(name);
    expect(sameModelCheckpoint((await sink.latest())!, first)).toBe(true);

    await sink.save(sampleModelCheckpoint(3, 100, 100));
    await store.delete(name);
    expect(await sink.latest()).toBeNull();
    expect(await leftovers(name)).toBe(0);
  });
});
