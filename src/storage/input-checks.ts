// Checks on what callers hand the store, made before anything is written.
import { InvalidStoreInputError } from './errors';

export function requireId(id: unknown, where: string): asserts id is string {
  if (typeof id !== 'string' || id.trim().length === 0) throw new InvalidStoreInputError(`${where}: id must be a non-empty string, got ${JSON.stringify(id)}`);
}

/** Fails when a value cannot be stored (functions, DOM nodes, ...), naming what it was. */
export function requireStorable(value: unknown, what: string): void {
  try {
    structuredClone(value);
  } catch (error) {
    throw new InvalidStoreInputError(`${what} must be plain data (JSON-like): ${(error as Error).message}`);
  }
}

/** Size of a value's JSON, used as its stored size. */
export function jsonSize(value: unknown): number {
  return JSON.stringify(value ?? null).length;
}
