// A checkpoint file into the lab store (the file format itself is src/core/checkpoint/file-format.ts).
import { parseCheckpointFile } from '../../core/checkpoint/file-format';
import type { LabStore } from '../lab-store';
import type { CheckpointSummary, SaveOptions } from '../types';

export interface ImportOptions {
  fileName?: string;
  /** Store under another id (e.g. to keep a stored checkpoint with the file's id). */
  id?: string;
  onProgress?: SaveOptions['onProgress'];
}

/** Checks the whole file first, then saves it atomically: a file that fails stores nothing. */
export async function importCheckpointFile(store: LabStore, bytes: Uint8Array, options: ImportOptions = {}): Promise<CheckpointSummary> {
  const checkpoint = parseCheckpointFile(bytes, options.fileName);
  const { createdAt: _createdAt, ...rest } = checkpoint;
  return store.saveCheckpoint({ ...rest, id: options.id ?? checkpoint.id }, { onProgress: options.onProgress });
}
