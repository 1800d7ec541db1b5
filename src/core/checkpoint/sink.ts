// Where a training stage puts its periodic checkpoints. Each save replaces the previous one, which
// the stores keep as a fallback slot while the run goes on; latest() gives the newest usable one
// (or null), which is what a resumed run starts from.
import { StoredItemNotFoundError } from '../../storage/errors';
import type { LabStore } from '../../storage/lab-store';
import { isPeriodicCheckpoint } from './periodic';
import { fromStoredCheckpoint, toStoredCheckpoint } from './stored';
import type { ModelCheckpoint } from './types';

export interface CheckpointSink {
  save(checkpoint: ModelCheckpoint): Promise<void>;
  latest(): Promise<ModelCheckpoint | null>;
}

/** Keeps the last checkpoint in memory (tests, and runs that only need the NaN rollback). */
export class MemoryCheckpointSink implements CheckpointSink {
  private last: ModelCheckpoint | null = null;
  saves = 0;

  async save(checkpoint: ModelCheckpoint): Promise<void> {
    this.last = checkpoint;
    this.saves += 1;
  }

  async latest(): Promise<ModelCheckpoint | null> {
    return this.last;
  }
}

/** IndexedDB through the lab store, under one checkpoint id (each save is atomic: old or new, never a mix; two slots while periodic). */
export class StoreCheckpointSink implements CheckpointSink {
  constructor(
    readonly store: LabStore,
    readonly id: string,
    readonly name = id,
  ) {}

  async save(checkpoint: ModelCheckpoint): Promise<void> {
    await this.store.saveCheckpoint(toStoredCheckpoint(checkpoint, this.id, this.name), { keepPrevious: isPeriodicCheckpoint(checkpoint) });
  }

  async latest(): Promise<ModelCheckpoint | null> {
    try {
      return fromStoredCheckpoint(await this.store.loadCheckpoint(this.id));
    } catch (error) {
      if (error instanceof StoredItemNotFoundError) return null;
      throw error;
    }
  }
}
