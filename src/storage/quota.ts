// Quota: check navigator.storage.estimate() before a large write, and turn a QuotaExceededError met
// mid-write into a StorageQuotaError that says what to delete.
import { StorageQuotaError } from './errors';
import type { StoredItemSize } from './types';

export interface QuotaEstimate {
  quota?: number;
  usage?: number;
}

/** How the store learns the origin's quota; null when the platform cannot tell (Node). */
export type EstimateStorage = (() => Promise<QuotaEstimate>) | null;

export function browserEstimate(): EstimateStorage {
  const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
  return typeof storage?.estimate === 'function' ? () => storage.estimate() : null;
}

/** How many of the largest items a quota error suggests deleting. */
const SUGGESTIONS = 5;

export interface QuotaContext {
  estimate: EstimateStorage;
  /** Every stored item with its size (for the error's suggestions). */
  listSizes(): Promise<StoredItemSize[]>;
}

export async function freeBytes(estimate: EstimateStorage): Promise<number | null> {
  if (!estimate) return null;
  const { quota, usage } = await estimate();
  if (typeof quota !== 'number' || typeof usage !== 'number') return null;
  return Math.max(0, quota - usage);
}

/** Throws StorageQuotaError when the estimate says `bytesNeeded` will not fit. */
export async function ensureRoom(context: QuotaContext, what: string, bytesNeeded: number): Promise<void> {
  const bytesFree = await freeBytes(context.estimate);
  if (bytesFree === null || bytesNeeded <= bytesFree) return;
  throw await quotaError(context, what, bytesNeeded, bytesFree);
}

export async function quotaError(context: QuotaContext, what: string, bytesNeeded: number, knownFree?: number): Promise<StorageQuotaError> {
  const bytesFree = knownFree ?? (await freeBytes(context.estimate).catch(() => null));
  const largestItems = (await context.listSizes().catch(() => [])).slice(0, SUGGESTIONS);
  return StorageQuotaError.forWrite({ what, bytesNeeded, bytesFree, largestItems });
}
