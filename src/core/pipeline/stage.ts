// Running one stage against the run store: reuse its stored output when the same work was done
// before, resume it from its last periodic checkpoint when it was interrupted, and store what it
// produced (checkpoint first, then the record: a record always has its checkpoint).
import type { CheckpointSink } from '../checkpoint/sink';
import type { ModelCheckpoint } from '../checkpoint/types';
import type { GradientPool } from '../parallel/gradient-pool';
import { RunStoreError } from './errors';
import { backboneFingerprint, modelFingerprint, stageKey } from './keys';
import type { PipelineStage } from '../job/stages';
import { runStoreSink, type RunStore } from './run-store';

/** Helper threads a stage shares its training steps and forward passes with (src/core/parallel); the host's, passed down. */
export interface StageThreads {
  pool?: GradientPool | null;
}

export { PIPELINE_STAGES, type PipelineStage } from '../job/stages';

/** What a stage function returns: a JSON record and, for stages that make a model, its checkpoint. */
export interface StageOutput<R> {
  record: R;
  checkpoint?: ModelCheckpoint | null;
}

/** Where a training stage saves periodic checkpoints, and the last one of an interrupted run (or null). */
export interface StageResume {
  sink: CheckpointSink;
  from: ModelCheckpoint | null;
}

/** The stored form of a finished stage. */
export interface StoredStage<R> {
  format: 'relevance-lab/stage-output';
  stage: PipelineStage;
  key: string;
  settings: unknown;
  inputKeys: string[];
  record: R;
  /** Wall time of the run that produced it (that call only, when it resumed an interrupted run). */
  seconds: number;
  finishedAt: string;
  hasCheckpoint: boolean;
  /** backboneFingerprint of the checkpoint, when there is one. */
  backbone: string | null;
  /** modelFingerprint of the checkpoint (every weight), when there is one. */
  model: string | null;
  /** Step the training resumed from, when it continued an interrupted run. */
  resumedFromStep: number | null;
}

export interface StageRun<R> extends Omit<StoredStage<R>, 'format'> {
  /** computed: by this call; stored: found in the run store. */
  status: 'computed' | 'stored';
  /** The stage's checkpoint (loaded from the store on first use when the stage was stored). */
  checkpoint(): Promise<ModelCheckpoint>;
}

export interface StageCall<R> {
  stage: PipelineStage;
  settings: unknown;
  /** Keys (or fingerprints) of everything the stage consumes besides its settings. */
  inputKeys: string[];
  run(resume: StageResume): Promise<StageOutput<R>>;
}

export const stageName = (stage: PipelineStage, key: string) => `stage/${stage}-${key}`;
export const partialName = (stage: PipelineStage, key: string) => `partial/${stage}-${key}`;

function withoutOptimizer(checkpoint: ModelCheckpoint): ModelCheckpoint {
  return { ...checkpoint, optimizer: null };
}

function toRun<R>(stored: Omit<StoredStage<R>, 'format'>, status: StageRun<R>['status'], load: () => Promise<ModelCheckpoint>): StageRun<R> {
  let cached: Promise<ModelCheckpoint> | null = null;
  return { ...stored, status, checkpoint: () => (cached ??= load()) };
}

/**
 * The stage's stored output for these settings and inputs, or null when it was never computed.
 * Reads the record only: its checkpoint is loaded when a caller asks for it.
 */
export async function findStage<R>(store: RunStore, call: Omit<StageCall<R>, 'run'>): Promise<StageRun<R> | null> {
  const key = stageKey(call.stage, call.settings, call.inputKeys);
  const name = stageName(call.stage, key);
  const stored = await store.getRecord<StoredStage<R>>(name);
  if (!stored) return null;
  if (stored.format !== 'relevance-lab/stage-output' || stored.key !== key) {
    throw new RunStoreError(`The run store's record "${name}" is not this stage's output; delete it to recompute the stage.`, { name });
  }
  const { format: _format, ...rest } = stored;
  return toRun(rest, 'stored', () => loadStageCheckpoint(store, call.stage, name));
}

async function loadStageCheckpoint(store: RunStore, stage: PipelineStage, name: string): Promise<ModelCheckpoint> {
  const checkpoint = await store.getCheckpoint(name);
  if (!checkpoint) throw new RunStoreError(`The run store has no checkpoint "${name}" for the ${stage} stage; delete its record to recompute the stage.`, { name });
  return checkpoint;
}

export async function runStage<R>(store: RunStore, call: StageCall<R>): Promise<StageRun<R>> {
  const key = stageKey(call.stage, call.settings, call.inputKeys);
  const name = stageName(call.stage, key);
  const load = () => loadStageCheckpoint(store, call.stage, name);

  const found = await findStage<R>(store, call);
  if (found) return found;

  const partial = partialName(call.stage, key);
  const from = await store.getCheckpoint(partial);
  const resumable = from?.training && from.training.step < from.training.totalSteps ? from : null;
  const started = performance.now();
  const output = await call.run({ sink: runStoreSink(store, partial), from: resumable });
  const checkpoint = output.checkpoint ? withoutOptimizer(output.checkpoint) : null;
  if (checkpoint) await store.putCheckpoint(name, checkpoint);
  const result: Omit<StoredStage<R>, 'format'> = {
    stage: call.stage,
    key,
    settings: call.settings,
    inputKeys: call.inputKeys,
    record: output.record,
    seconds: (performance.now() - started) / 1000,
    finishedAt: new Date().toISOString(),
    hasCheckpoint: checkpoint !== null,
    backbone: checkpoint ? backboneFingerprint(checkpoint) : null,
    model: checkpoint ? modelFingerprint(checkpoint) : null,
    resumedFromStep: resumable?.training?.step ?? null,
  };
  await store.putRecord(name, { format: 'relevance-lab/stage-output', ...result });
  await store.delete(partial);
  // Read back through the store, so a computed record looks exactly like a stored one (JSON).
  const record = (await store.getRecord<StoredStage<R>>(name))!.record;
  return toRun({ ...result, record }, 'computed', checkpoint ? async () => checkpoint : load);
}
