// The pipeline's run store (src/core/pipeline/run-store.ts) on the lab's IndexedDB database: a record
// is a run in the `runs` store and a checkpoint a checkpoint in the `checkpoints` store, both under
// the run store's name ("stage/finetune-0123456789abcdef"). Replacing is atomic as everywhere in the
// store: a record is one put, a checkpoint is written under a new generation and committed by one
// small transaction (checkpoints/store.ts). A record links the checkpoint of the same name when there is
// one, and a record whose linked checkpoint was deleted on its own reads as absent, so its stage is
// computed again. The Runs screen shows stage records inside the pipeline run that lists them
// (`recordIds`, src/storage/run-links.ts) and exports and deletes them with it.
//
// Storage stays free of tfjs: the engine hands in the conversion between a model checkpoint and the
// store's checkpoint shape (src/core/checkpoint/stored.ts), which checks shapes against the model.
import type { ModelCheckpoint } from '../core/checkpoint/types';
import { RunStoreError } from '../core/pipeline/errors';
import { checkRunStoreName, type RunStore } from '../core/pipeline/run-store';
import { StoredItemNotFoundError } from './errors';
import type { LabStore } from './lab-store';
import type { Checkpoint, CheckpointSummary, RunRecord } from './types';

export const PIPELINE_RECORD_KIND = 'pipeline-record';
/** Metadata key that marks a checkpoint as a run store's, with its name. */
export const RUN_STORE_NAME_KEY = 'runStoreName';

/** Between the pipeline's checkpoints and the store's: toStoredCheckpoint / fromStoredCheckpoint. */
export interface ModelCheckpointCodec {
  toStored(checkpoint: ModelCheckpoint, id: string, name: string): Checkpoint;
  /** Checks the stored checkpoint and rebuilds it; `where` names it in errors. */
  fromStored(stored: Checkpoint, where: string): ModelCheckpoint;
}

/** The run entry that holds one pipeline record. */
export interface PipelineRecordRun extends RunRecord {
  kind: typeof PIPELINE_RECORD_KIND;
  name: string;
  createdAt: string;
  status: 'stored';
  /** The checkpoint of the same name, when one is stored. */
  checkpointId?: string;
  /** The record, as JSON gives it back. */
  value: unknown;
}

/** A periodic checkpoint of an unfinished pipeline stage ("partial/..."): the pipeline resumes it itself. */
export function isRunStorePartial(summary: Pick<CheckpointSummary, 'metadata'>): boolean {
  const name = summary.metadata?.[RUN_STORE_NAME_KEY];
  return typeof name === 'string' && name.startsWith('partial/');
}

function describe(name: string): string {
  const stage = /^stage\/([a-z-]+)-([0-9a-f]+)$/.exec(name);
  if (stage) return `DaRL pipeline, ${stage[1]} stage (${stage[2]})`;
  const partial = /^partial\/([a-z-]+)-([0-9a-f]+)$/.exec(name);
  if (partial) return `DaRL pipeline, unfinished ${partial[1]} stage (${partial[2]})`;
  return `DaRL pipeline, ${name}`;
}

/** The value as JSON gives it back (NaN and Infinity become null), as every run store does. */
function throughJson(name: string, value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new RunStoreError(`Run store record "${name}" cannot be stored: it is not JSON (${(error as Error).message}).`, { name });
  }
  if (text === undefined) throw new RunStoreError(`Run store record "${name}" cannot be stored: ${typeof value} is not JSON.`, { name });
  return JSON.parse(text);
}

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof StoredItemNotFoundError) return null;
    throw error;
  }
}

export class IdbRunStore implements RunStore {
  constructor(
    readonly store: LabStore,
    readonly codec: ModelCheckpointCodec,
  ) {}

  async getRecord<T>(name: string): Promise<T | null> {
    const run = await orNull(this.store.loadRun(checkRunStoreName(name)));
    if (!run) return null;
    if (run.kind !== PIPELINE_RECORD_KIND || !('value' in run)) {
      throw new RunStoreError(
        `The stored run "${name}" is ${typeof run.kind === 'string' ? `a "${run.kind}" run` : 'a run of no known kind'}, not a pipeline record; delete it on the Runs screen to recompute that stage.`,
        { name },
      );
    }
    // A record always has its checkpoint: when the checkpoint was deleted on its own (say on a training
    // screen), the stage counts as not stored and is computed again.
    if (typeof run.checkpointId === 'string' && !(await this.#hasCheckpoint(run.checkpointId))) return null;
    return run.value as T;
  }

  async #hasCheckpoint(id: string): Promise<boolean> {
    return (await this.store.listCheckpoints()).some((entry) => entry.id === id);
  }

  async putRecord(name: string, value: unknown): Promise<void> {
    checkRunStoreName(name);
    const json = throughJson(name, value);
    const hasCheckpoint = await this.#hasCheckpoint(name);
    const run: PipelineRecordRun = {
      id: name,
      kind: PIPELINE_RECORD_KIND,
      name: describe(name),
      createdAt: new Date().toISOString(),
      status: 'stored',
      ...(hasCheckpoint ? { checkpointId: name } : {}),
      value: json,
    };
    await this.store.saveRun(run);
  }

  async getCheckpoint(name: string): Promise<ModelCheckpoint | null> {
    const stored = await orNull(this.store.loadCheckpoint(checkRunStoreName(name)));
    if (!stored) return null;
    return this.codec.fromStored(stored, `run store checkpoint "${name}"`);
  }

  async putCheckpoint(name: string, checkpoint: ModelCheckpoint, options: { keepPrevious?: boolean } = {}): Promise<void> {
    checkRunStoreName(name);
    const stored = this.codec.toStored(checkpoint, name, describe(name));
    await this.store.saveCheckpoint({ ...stored, metadata: { ...stored.metadata, [RUN_STORE_NAME_KEY]: name } }, { keepPrevious: options.keepPrevious === true });
  }

  async delete(name: string): Promise<void> {
    checkRunStoreName(name);
    await orNull(this.store.deleteRun(name));
    await orNull(this.store.deleteCheckpoint(name));
  }
}
