// Node only: model checkpoints as files on disk. Writes go to a temporary file, flushed to disk,
// then renamed into place, so a reader (or a crash) never sees half a checkpoint. A periodic save
// first moves the file it replaces to `<path>.previous`: two slots, and a load takes the newest
// one that reads back whole and finite, so a damaged newest file still leaves the one before.
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { LabError } from '../errors';
import { InvalidCheckpointFileError } from '../io/errors';
import { requireFinite } from '../io/finite';
import { modelCheckpointFromBytes, modelCheckpointToBytes } from './file';
import { isPeriodicCheckpoint } from './periodic';
import type { CheckpointSink } from './sink';
import type { ModelCheckpoint } from './types';

export const previousSlotPath = (path: string) => `${path}.previous`;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

const allTensors = (checkpoint: ModelCheckpoint) => [...checkpoint.weights, ...(checkpoint.optimizer?.tensors ?? [])];

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

export interface WriteCheckpointOptions {
  /** Move the file this write replaces to `<path>.previous` instead of dropping it. */
  keepPrevious?: boolean;
}

export async function writeModelCheckpointFile(path: string, checkpoint: ModelCheckpoint, options: WriteCheckpointOptions = {}): Promise<void> {
  requireFinite(allTensors(checkpoint), path, 'weights with NaN or Infinity are never saved, so the file on disk is unchanged');
  const name = basename(path).replace(/\.safetensors$/, '');
  const temporary = `${path}.partial`;
  await writeDurably(temporary, modelCheckpointToBytes(checkpoint, name, name));
  if (options.keepPrevious) {
    // Between these two renames only the previous slot exists, and a load takes it.
    await rename(path, previousSlotPath(path)).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
    await rename(temporary, path);
  } else {
    await rename(temporary, path);
    await rm(previousSlotPath(path), { force: true });
  }
}

export async function readModelCheckpointFile(path: string): Promise<ModelCheckpoint> {
  return modelCheckpointFromBytes(new Uint8Array(await readFile(path)), path);
}

/**
 * The newest of `path` and `<path>.previous` that reads back whole and finite; null when neither
 * exists. When both exist and neither is usable, InvalidCheckpointFileError names each problem.
 */
export async function readNewestCheckpointSlot(path: string): Promise<ModelCheckpoint | null> {
  const problems: string[] = [];
  for (const slot of [path, previousSlotPath(path)]) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(slot));
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    try {
      const checkpoint = modelCheckpointFromBytes(bytes, slot);
      requireFinite(allTensors(checkpoint), slot);
      return checkpoint;
    } catch (error) {
      if (!(error instanceof LabError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length === 0) return null;
  throw new InvalidCheckpointFileError(`No usable checkpoint: ${problems.join('; ')}`, { path });
}

/** Periodic checkpoints of a run in one file (and the one before it while the run goes on). */
export class FileCheckpointSink implements CheckpointSink {
  constructor(readonly path: string) {}

  save(checkpoint: ModelCheckpoint): Promise<void> {
    return writeModelCheckpointFile(this.path, checkpoint, { keepPrevious: isPeriodicCheckpoint(checkpoint) });
  }

  latest(): Promise<ModelCheckpoint | null> {
    return readNewestCheckpointSlot(this.path);
  }
}
