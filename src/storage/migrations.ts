// Versioned schema: an ordered list of upgrade steps, each taking the database from version - 1 to
// version. openDB's upgrade callback runs the steps above the stored version, in order, inside the
// one versionchange transaction, so an upgrade that fails leaves the database at its old version.
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { StorageUpgradeBlockedError } from './errors';
import type { LabDB, RunEnvelope } from './schema';

export interface Migration {
  version: number;
  description: string;
  upgrade(db: IDBPDatabase<LabDB>, transaction: IDBPTransaction<LabDB, StoreNames<LabDB>[], 'versionchange'>): Promise<void> | void;
}

const EPOCH = new Date(0).toISOString();

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'stores for datasets, examples, tokenizers, checkpoints, checkpoint chunks, runs, pending writes',
    upgrade(db) {
      db.createObjectStore('checkpoints', { keyPath: 'id' });
      db.createObjectStore('checkpointChunks', { keyPath: ['checkpointId', 'generation', 'index'] });
      db.createObjectStore('datasets', { keyPath: 'id' });
      db.createObjectStore('exampleChunks', { keyPath: ['datasetId', 'generation', 'split', 'index'] });
      db.createObjectStore('tokenizers', { keyPath: 'id' });
      db.createObjectStore('runs', { keyPath: 'id' });
      db.createObjectStore('pendingWrites', { keyPath: ['kind', 'ownerId', 'generation'] });
      db.createObjectStore('meta');
    },
  },
  {
    version: 2,
    description: 'runs listed by save time: a bySavedAt index, and a savedAt for runs stored before it',
    async upgrade(_db, transaction) {
      const runs = transaction.objectStore('runs');
      for (let cursor = await runs.openCursor(); cursor; cursor = await cursor.continue()) {
        const record = cursor.value as Partial<RunEnvelope> & { id: string };
        if (typeof record.savedAt !== 'string') await cursor.update({ ...record, savedAt: EPOCH } as RunEnvelope);
      }
      runs.createIndex('bySavedAt', 'savedAt');
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Checks the steps are numbered 1, 2, 3, ... with none missing or repeated. */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list is out of order: step ${index + 1} has version ${migration.version}`);
    }
  });
}

export interface OpenOptions {
  /** Called when another tab wants a newer schema: this connection is closed so the upgrade can go on. An open that another tab blocks fails with StorageUpgradeBlockedError. */
  onVersionChange?: () => void;
}

/** Opens (and upgrades) the database with the given steps; the version is the last step's. */
export async function openWithMigrations(
  name: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenOptions = {},
): Promise<IDBPDatabase<LabDB>> {
  checkMigrations(migrations);
  let failure: unknown;
  let opened: IDBPDatabase<LabDB> | undefined;
  let refuseBlocked!: (error: StorageUpgradeBlockedError) => void;
  const blocked = new Promise<never>((_resolve, reject) => (refuseBlocked = reject));
  let opening: Promise<IDBPDatabase<LabDB>> | undefined;
  try {
    opening = openDB<LabDB>(name, migrations.length, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        transaction.done.catch(() => undefined); // an aborted upgrade is reported by openDB's rejection
        const steps = migrations.filter((migration) => migration.version > oldVersion);
        const abort = (error: unknown) => {
          failure = error;
          transaction.abort();
        };
        runSteps(steps, (step) => step.upgrade(database, transaction)).catch(abort);
      },
      blocking() {
        opened?.close();
        options.onVersionChange?.();
      },
      blocked(currentVersion, blockedVersion) {
        refuseBlocked(
          new StorageUpgradeBlockedError(
            `The lab's storage needs an upgrade (schema ${currentVersion} to ${blockedVersion}), but another tab of the lab has the stored data open with an older version: close or reload the other tabs of the lab, then reload this page.`,
            { currentVersion, blockedVersion },
          ),
        );
      },
    });
    opened = await Promise.race([opening, blocked]);
  } catch (error) {
    // The request stays queued and opens once the other tab lets go: close that late connection.
    if (error instanceof StorageUpgradeBlockedError) opening?.then((late) => late.close(), () => undefined);
    throw failure ?? error;
  }
  return opened;
}

/**
 * Runs steps in order. Synchronous steps run at once and an asynchronous one continues from its
 * IndexedDB request callbacks, so the versionchange transaction never goes inactive between steps.
 */
function runSteps(steps: readonly Migration[], run: (step: Migration) => Promise<void> | void): Promise<void> {
  for (let index = 0; index < steps.length; index += 1) {
    let result: Promise<void> | void;
    try {
      result = run(steps[index]);
    } catch (error) {
      return Promise.reject(error);
    }
    if (result instanceof Promise) return result.then(() => runSteps(steps.slice(index + 1), run));
  }
  return Promise.resolve();
}
