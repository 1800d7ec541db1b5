// Transactions that always settle cleanly: a failed write is aborted, the most telling error
// (a QuotaExceededError if the browser gave one anywhere) is rethrown, and no rejection goes unobserved.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { LabDB } from './schema';

type Names = StoreNames<LabDB>[];

export async function runWrite<S extends Names, T>(
  db: IDBPDatabase<LabDB>,
  stores: S,
  work: (tx: IDBPTransaction<LabDB, S, 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  const done = tx.done.then(
    () => undefined,
    (error: unknown) => error,
  );
  try {
    const result = await work(tx);
    const failure = await done;
    if (failure !== undefined) throw failure;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    const transactionError = await done;
    throw [error, transactionError].find(isQuotaExceeded) ?? error;
  }
}

export async function runRead<S extends Names, T>(
  db: IDBPDatabase<LabDB>,
  stores: S,
  work: (tx: IDBPTransaction<LabDB, S, 'readonly'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readonly');
  tx.done.catch(() => undefined); // a failed read reports through `work`
  return work(tx);
}

export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  return name === 'QuotaExceededError' || (cause !== undefined && cause !== error && isQuotaExceeded(cause));
}
