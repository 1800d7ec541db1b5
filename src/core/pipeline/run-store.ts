// Where a run keeps its stage outputs: JSON records and model checkpoints, each under a name.
// Small and async so it can sit on a directory (Node), on memory (tests) or on IndexedDB.
// Names are paths of lower-case words: "stage/finetune-0123abcd", "partial/probe-...".
import { isPeriodicCheckpoint } from '../checkpoint/periodic';
import type { CheckpointSink } from '../checkpoint/sink';
import type { ModelCheckpoint } from '../checkpoint/types';
import { RunStoreError } from './errors';

export interface RunStore {
  /** The record stored under `name`, or null. Records are JSON: NaN and Infinity come back as null. */
  getRecord<T>(name: string): Promise<T | null>;
  /** Stores a JSON-compatible value, replacing any record of that name in one step. */
  putRecord(name: string, value: unknown): Promise<void>;
  getCheckpoint(name: string): Promise<ModelCheckpoint | null>;
  /**
   * Stores a checkpoint, replacing any of that name in one step (a reader sees the old or the new one).
   * With `keepPrevious` the replaced one stays as a fallback that getCheckpoint falls back to when
   * the newest turns out damaged (a training stage's periodic checkpoints).
   */
  putCheckpoint(name: string, checkpoint: ModelCheckpoint, options?: { keepPrevious?: boolean }): Promise<void>;
  /** Removes the record and the checkpoint of that name; absent ones are fine. */
  delete(name: string): Promise<void>;
}

const NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function checkRunStoreName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw new RunStoreError(`Run store name "${name}" is not allowed: use lower-case letters, digits, ".", "_" and "-", in parts separated by "/".`, { name });
  }
  return name;
}

/** A training stage's periodic checkpoints, kept in the run store under one name. */
export function runStoreSink(store: RunStore, name: string): CheckpointSink {
  return {
    save: (checkpoint) => store.putCheckpoint(name, checkpoint, { keepPrevious: isPeriodicCheckpoint(checkpoint) }),
    latest: () => store.getCheckpoint(name),
  };
}
