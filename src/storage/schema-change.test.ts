import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { StorageSchemaChangedError, StorageUpgradeBlockedError } from './errors';
import { openLabStore } from './lab-store';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openWithMigrations } from './migrations';
import { freshDbName, pausingProgress, sampleCheckpoint } from './test-support';

/** What a newer build of the lab does when it opens the database in another tab. */
async function upgradeFromAnotherTab(dbName: string): Promise<void> {
  const newer = await openDB(dbName, SCHEMA_VERSION + 1, { upgrade: (db) => void db.createObjectStore('fromANewerBuild') });
  newer.close();
}

/** Rejects if `promise` has not settled within `ms`, so a hang fails the test with a reason. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms))]);
}

describe('schema changes from another tab', () => {
  it('after another tab upgrades the schema, this tab closes its connection and every call says to reload', async () => {
    const dbName = freshDbName('versionchange');
    let told = 0;
    const store = await openLabStore(dbName, { onSchemaChange: () => (told += 1) });
    await store.saveCheckpoint(sampleCheckpoint('a', 1));
    await within(upgradeFromAnotherTab(dbName), 2000);
    expect(told).toBe(1);

    await expect(store.saveCheckpoint(sampleCheckpoint('a', 2))).rejects.toThrow(StorageSchemaChangedError);
    await expect(store.listCheckpoints()).rejects.toThrow(/stored data was upgraded by a newer version of the lab in another tab; reload this page/);
    await expect(store.loadCheckpoint('a')).rejects.toThrow(StorageSchemaChangedError);
    await expect(store.usage()).rejects.toThrow(StorageSchemaChangedError);
    store.close();
  });

  it('a save under way when the upgrade comes fails with the same named error', async () => {
    const dbName = freshDbName('versionchange-mid-save');
    const store = await openLabStore(dbName, { checkpointChunkBytes: 1024 });
    const pause = pausingProgress(1);
    const saving = store.saveCheckpoint(sampleCheckpoint('a', 1, [2000]), { onProgress: pause.onProgress });
    saving.catch(() => undefined);
    await pause.paused;
    await within(upgradeFromAnotherTab(dbName), 2000);
    pause.release();
    await expect(saving).rejects.toThrow(StorageSchemaChangedError);
  });

  it('an upgrade that another tab blocks fails with a named error instead of waiting forever', async () => {
    const dbName = freshDbName('blocked');
    const v1 = await openWithMigrations(dbName, MIGRATIONS.slice(0, 1));
    v1.close();
    // An old tab that keeps its connection open and ignores requests to close it.
    const oldTab = await openDB(dbName, 1);

    const opening = openLabStore(dbName);
    opening.catch(() => undefined);
    await expect(within(opening, 2000)).rejects.toThrow(StorageUpgradeBlockedError);
    await expect(opening).rejects.toThrow(/another tab of the lab has the stored data open with an older version: close or reload the other tabs of the lab, then reload this page/);

    // Once the old tab goes, the upgrade completes and the next open works.
    oldTab.close();
    const store = await within(openLabStore(dbName), 2000);
    expect(await store.listRuns()).toEqual([]);
    store.close();
  });
});
