// The IndexedDB adapter of a training stage's checkpoint sink (src/core/checkpoint/sink.ts).
import { isPeriodicCheckpoint } from '../../core/checkpoint/periodic';
import type { CheckpointSink } from '../../core/checkpoint/sink';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../../core/checkpoint/stored';
import type { ModelCheckpoint } from '../../core/checkpoint/types';
import { StoredItemNotFoundError } from '../errors';
import type { LabStore } from '../lab-store';

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
