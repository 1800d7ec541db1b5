// After another tab upgrades the schema, this tab's connection is closed (migrations.ts) and IndexedDB
// answers every later call with a bare InvalidStateError. The guard wraps the store's methods so
// that, from then on, each one fails with StorageSchemaChangedError, which says to reload the page.
import { StorageSchemaChangedError } from './errors';

export function schemaChangedError(cause?: unknown): StorageSchemaChangedError {
  return new StorageSchemaChangedError(
    'The stored data was upgraded by a newer version of the lab in another tab; reload this page to go on (this tab can no longer read or save).',
    {},
    { cause },
  );
}

/** Returns `store` with every method but close() failing as StorageSchemaChangedError once `changed()` holds. */
export function guardAgainstSchemaChange<T extends object>(store: T, changed: () => boolean): T {
  const guarded: Record<string, unknown> = { ...(store as Record<string, unknown>) };
  for (const [name, value] of Object.entries(store)) {
    if (typeof value !== 'function' || name === 'close') continue;
    guarded[name] = async (...args: unknown[]) => {
      if (changed()) throw schemaChangedError();
      try {
        return await value(...args);
      } catch (error) {
        throw changed() ? schemaChangedError(error) : error;
      }
    };
  }
  return guarded as T;
}
