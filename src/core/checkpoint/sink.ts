// Where a training stage puts its periodic checkpoints. Each save replaces the previous one, which
// the stores keep as a fallback slot while the run goes on; latest() gives the newest usable one
// (or null), which is what a resumed run starts from. The adapters: node-file.ts (a file on disk)
// and src/storage/checkpoints/sink.ts (IndexedDB).
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
