// A run store in memory (tests, and runs that need not survive the page). Records go through JSON
// like every other store, so a value reads back exactly as a directory or IndexedDB would give it.
import type { ModelCheckpoint } from '../checkpoint/types';
import { checkRunStoreName, type RunStore } from './run-store';

export class MemoryRunStore implements RunStore {
  readonly records = new Map<string, string>();
  readonly checkpoints = new Map<string, ModelCheckpoint>();

  async getRecord<T>(name: string): Promise<T | null> {
    const text = this.records.get(checkRunStoreName(name));
    return text === undefined ? null : (JSON.parse(text) as T);
  }

  async putRecord(name: string, value: unknown): Promise<void> {
    this.records.set(checkRunStoreName(name), JSON.stringify(value));
  }

  async getCheckpoint(name: string): Promise<ModelCheckpoint | null> {
    return this.checkpoints.get(checkRunStoreName(name)) ?? null;
  }

  async putCheckpoint(name: string, checkpoint: ModelCheckpoint): Promise<void> {
    this.checkpoints.set(checkRunStoreName(name), checkpoint);
  }

  async delete(name: string): Promise<void> {
    this.records.delete(checkRunStoreName(name));
    this.checkpoints.delete(name);
  }
}
