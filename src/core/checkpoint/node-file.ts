// Node only: model checkpoints as files on disk. Writes go to a temporary file first and are
// renamed into place, so a reader (or a crash) never sees half a checkpoint.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { modelCheckpointFromBytes, modelCheckpointToBytes } from './file';
import type { CheckpointSink } from './sink';
import type { ModelCheckpoint } from './types';

export async function writeModelCheckpointFile(path: string, checkpoint: ModelCheckpoint): Promise<void> {
  const name = basename(path).replace(/\.safetensors$/, '');
  const temporary = `${path}.partial`;
  await writeFile(temporary, modelCheckpointToBytes(checkpoint, name, name));
  await rename(temporary, path);
}

export async function readModelCheckpointFile(path: string): Promise<ModelCheckpoint> {
  return modelCheckpointFromBytes(new Uint8Array(await readFile(path)), path);
}

/** Periodic checkpoints of a run in one file, replaced at each save. */
export class FileCheckpointSink implements CheckpointSink {
  constructor(readonly path: string) {}

  save(checkpoint: ModelCheckpoint): Promise<void> {
    return writeModelCheckpointFile(this.path, checkpoint);
  }

  async latest(): Promise<ModelCheckpoint | null> {
    try {
      return await readModelCheckpointFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
