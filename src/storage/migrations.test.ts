import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openLabStore } from './lab-store';
import { MIGRATIONS, SCHEMA_VERSION, checkMigrations, openWithMigrations, type Migration } from './migrations';
import { freshDbName } from './test-support';

describe('schema migrations', () => {
  it('upgrades a v1 database with data to the current version, keeping and completing the data', async () => {
    const dbName = freshDbName('upgrade');
    const v1 = await openWithMigrations(dbName, MIGRATIONS.slice(0, 1));
    expect(v1.version).toBe(1);
    expect(v1.objectStoreNames.contains('runs')).toBe(true);
    // v1 run records had no savedAt.
    await v1.put('runs', { id: 'old-run', byteSize: 12, run: { id: 'old-run', loss: 0.5 } } as never);
    v1.close();

    const store = await openLabStore(dbName);
    await store.saveRun({ id: 'new-run', loss: 0.25 });
    expect(await store.listRuns()).toEqual([
      { id: 'new-run', loss: 0.25 },
      { id: 'old-run', loss: 0.5 },
    ]);
    expect(await store.loadRun('old-run')).toEqual({ id: 'old-run', loss: 0.5 });
    store.close();

    const upgraded = await openWithMigrations(dbName);
    expect(upgraded.version).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThan(1);
    expect((await upgraded.get('runs', 'old-run'))?.savedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(upgraded.transaction('runs').store.indexNames.contains('bySavedAt')).toBe(true);
    upgraded.close();
  });

  it('runs only the steps above the stored version, in order', async () => {
    const dbName = freshDbName('steps');
    const ran: number[] = [];
    const step = (version: number, upgrade?: Migration['upgrade']): Migration => ({
      version,
      description: `step ${version}`,
      upgrade(db, tx) {
        ran.push(version);
        return upgrade?.(db, tx);
      },
    });
    const first = await openWithMigrations(dbName, [step(1, (db) => void db.createObjectStore('meta'))]);
    await first.put('meta', 10, 'n');
    first.close();
    const steps = [
      step(1),
      step(2, async (_db, tx) => {
        const meta = tx.objectStore('meta');
        await meta.put(((await meta.get('n')) as number) * 2, 'n');
      }),
      step(3, async (_db, tx) => {
        const meta = tx.objectStore('meta');
        await meta.put(((await meta.get('n')) as number) + 1, 'n');
      }),
    ];
    const db = await openWithMigrations(dbName, steps);
    expect(ran).toEqual([1, 2, 3]);
    expect(await db.get('meta', 'n')).toBe(21);
    db.close();
  });

  it('a failing step leaves the database at its old version with its data', async () => {
    const dbName = freshDbName('failing');
    const first = await openWithMigrations(dbName, MIGRATIONS.slice(0, 1));
    await first.put('meta', 7, 'kept');
    first.close();
    const broken: Migration = {
      version: 2,
      description: 'fails half way',
      async upgrade(_db, tx) {
        await tx.objectStore('meta').put(8, 'kept');
        throw new Error('step 2 cannot read the old records');
      },
    };
    await expect(openWithMigrations(dbName, [MIGRATIONS[0], broken])).rejects.toThrow('step 2 cannot read the old records');
    const after = await openDB(dbName);
    expect(after.version).toBe(1);
    expect(await after.get('meta', 'kept')).toBe(7);
    after.close();
  });

  it('refuses a step list with gaps or repeats', () => {
    expect(() => checkMigrations([MIGRATIONS[0], { ...MIGRATIONS[1], version: 3 }])).toThrow(/step 2 has version 3/);
    expect(() => checkMigrations([MIGRATIONS[0], MIGRATIONS[0]])).toThrow(/step 2 has version 1/);
  });
});
