// Node only: a run store in a directory. Records are DIR/<name>.json, checkpoints
// DIR/<name>.safetensors (and, for a training stage's periodic ones, the one before as
// DIR/<name>.safetensors.previous); both are written to a temporary file and renamed into place,
// so an interrupted write leaves the previous version (or nothing), never half a file.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { previousSlotPath, readNewestCheckpointSlot, writeModelCheckpointFile } from '../checkpoint/node-file';
import type { ModelCheckpoint } from '../checkpoint/types';
import { RunStoreError } from './errors';
import { checkRunStoreName, type RunStore } from './run-store';

function missing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export class DirectoryRunStore implements RunStore {
  constructor(readonly root: string) {}

  #path(name: string, extension: string): string {
    return join(this.root, `${checkRunStoreName(name)}${extension}`);
  }

  async getRecord<T>(name: string): Promise<T | null> {
    const path = this.#path(name, '.json');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new RunStoreError(`${path} is not valid JSON (${(error as Error).message}); delete it to recompute that stage.`, { path });
    }
  }

  async putRecord(name: string, value: unknown): Promise<void> {
    const path = this.#path(name, '.json');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.partial`, `${JSON.stringify(value)}\n`, 'utf8');
    await rename(`${path}.partial`, path);
  }

  getCheckpoint(name: string): Promise<ModelCheckpoint | null> {
    return readNewestCheckpointSlot(this.#path(name, '.safetensors'));
  }

  async putCheckpoint(name: string, checkpoint: ModelCheckpoint, options: { keepPrevious?: boolean } = {}): Promise<void> {
    const path = this.#path(name, '.safetensors');
    await mkdir(dirname(path), { recursive: true });
    await writeModelCheckpointFile(path, checkpoint, options);
  }

  async delete(name: string): Promise<void> {
    await rm(this.#path(name, '.json'), { force: true });
    await rm(this.#path(name, '.safetensors'), { force: true });
    await rm(previousSlotPath(this.#path(name, '.safetensors')), { force: true });
  }
}
