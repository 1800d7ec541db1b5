// Stored model checkpoints as the model group shows them (sizes, stage, step, dataset), their run
// records, and checkpoint files: export with the run record inside, import after a full check.
import { fromStoredCheckpoint, MODEL_CHECKPOINT_FORMAT } from '../core/checkpoint/stored';
import type { TrainingState } from '../core/checkpoint/types';
import { countParameters, GPT_PRESETS, type GptConfig, type GptPresetName } from '../core/model/gpt';
import { checkpointFileName, exportCheckpointFile, parseCheckpointFile } from '../core/checkpoint/file-format';
import { StoredItemNotFoundError, type CheckpointSummary, type LabStore } from '../storage';
import { isRunStorePartial } from '../storage/idb-run-store';
import { InvalidCheckpointFileError } from '../core/io/errors';
import { SAFETENSORS_LIMITS } from '../core/io/safetensors';
import { fileNameOf, readCapped } from './file-bytes';
import type { CheckpointFile, CheckpointImportOptions, ModelCheckpointSummary, TrainingRunRecord } from './model-types';

export const RUN_PREFIX = 'training/';
/** Where an exported file keeps the stage's run record (dataset, settings, curve). */
const RUN_METADATA_KEY = 'trainingRun';

export const runIdOf = (checkpointId: string) => `${RUN_PREFIX}${checkpointId}`;

export function isModelCheckpoint(summary: Pick<CheckpointSummary, 'metadata'>): boolean {
  return summary.metadata?.format === MODEL_CHECKPOINT_FORMAT;
}

/** The preset whose shape this config has (any vocabulary and context length), or null. */
export function presetOf(config: GptConfig): GptPresetName | null {
  for (const [name, preset] of Object.entries(GPT_PRESETS) as [GptPresetName, GptConfig][]) {
    if (preset.dModel === config.dModel && preset.nLayers === config.nLayers && preset.nHeads === config.nHeads && preset.mlpRatio === config.mlpRatio) return name;
  }
  return null;
}

export async function loadRunRecord(store: LabStore, checkpointId: string): Promise<TrainingRunRecord | null> {
  try {
    const run = await store.loadRun(runIdOf(checkpointId));
    return run.kind === 'training-stage' ? (run as unknown as TrainingRunRecord) : null;
  } catch (error) {
    if (error instanceof StoredItemNotFoundError) return null;
    throw error;
  }
}

export async function saveRunRecord(store: LabStore, record: TrainingRunRecord): Promise<void> {
  await store.saveRun(record as unknown as Parameters<LabStore['saveRun']>[0]);
}

export function summarise(manifest: CheckpointSummary, run: TrainingRunRecord | null, runningId: string | null): ModelCheckpointSummary {
  const config = manifest.config as GptConfig;
  const training = (manifest.metadata.training ?? null) as TrainingState | null;
  const step = training?.step ?? 0;
  const totalSteps = training?.totalSteps ?? 0;
  const state = manifest.id === runningId ? 'running' : training && step < totalSteps ? 'unfinished' : 'finished';
  return {
    id: manifest.id,
    name: manifest.name,
    createdAt: manifest.createdAt,
    byteSize: manifest.byteSize,
    preset: presetOf(config),
    config,
    parameters: countParameters(config),
    stage: training?.stage ?? null,
    step,
    totalSteps,
    lastLoss: training?.lastLoss ?? null,
    state,
    datasetId: run?.datasetId ?? null,
    datasetName: run?.datasetName ?? null,
    hasOptimizer: manifest.tensors.some((tensor) => tensor.name.startsWith('optimizer.')),
    runStatus: run?.status ?? null,
    runError: run?.error ?? null,
  };
}

/** Every stored model checkpoint, newest first. */
export async function listModelCheckpoints(store: LabStore, runningId: string | null): Promise<ModelCheckpointSummary[]> {
  // An unfinished pipeline stage's periodic checkpoint is the pipeline's to resume, not the training screens'.
  const manifests = (await store.listCheckpoints()).filter((manifest) => isModelCheckpoint(manifest) && !isRunStorePartial(manifest));
  const summaries: ModelCheckpointSummary[] = [];
  for (const manifest of manifests) summaries.push(summarise(manifest, await loadRunRecord(store, manifest.id), runningId));
  return summaries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function checkpointSummary(store: LabStore, id: string, runningId: string | null): Promise<ModelCheckpointSummary> {
  const manifest = (await store.listCheckpoints()).find((entry) => entry.id === id);
  if (!manifest || !isModelCheckpoint(manifest)) throw new StoredItemNotFoundError(`No model checkpoint with id "${id}" is stored.`, { kind: 'checkpoint', id });
  return summarise(manifest, await loadRunRecord(store, id), runningId);
}

export async function exportModelCheckpoint(store: LabStore, id: string): Promise<CheckpointFile> {
  const stored = await store.loadCheckpoint(id);
  fromStoredCheckpoint(stored); // a model checkpoint, whole and consistent
  const run = await loadRunRecord(store, id);
  const metadata = run ? { ...stored.metadata, [RUN_METADATA_KEY]: run } : stored.metadata;
  return { fileName: checkpointFileName(stored), bytes: exportCheckpointFile({ ...stored, metadata }) };
}

/** `wanted`, or `wanted-2`, `wanted-3`... when a stored checkpoint has it. */
export async function freeCheckpointId(store: LabStore, wanted: string): Promise<string> {
  const taken = new Set((await store.listCheckpoints()).map((entry) => entry.id));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** Checks the file completely (layout, then the model's names and shapes) and only then stores it. */
export async function importModelCheckpoint(store: LabStore, file: Blob | Uint8Array, options: CheckpointImportOptions = {}): Promise<string> {
  const fileName = options.fileName ?? fileNameOf(file) ?? 'checkpoint file';
  const limit = SAFETENSORS_LIMITS.fileBytes;
  const bytes = await readCapped(file, limit, (size) => new InvalidCheckpointFileError(`${fileName}: the file is ${size} bytes; the lab reads checkpoint files of at most ${limit} bytes`, { fileName }));
  const parsed = parseCheckpointFile(bytes, fileName);
  const { [RUN_METADATA_KEY]: run, ...metadata } = parsed.metadata;
  fromStoredCheckpoint({ ...parsed, metadata }, fileName);
  const id = options.id ?? (await freeCheckpointId(store, parsed.id));
  await store.saveCheckpoint({ id, name: parsed.name, config: parsed.config, metadata, tensors: parsed.tensors });
  const record = run as TrainingRunRecord | undefined;
  if (record && record.kind === 'training-stage') {
    const training = metadata.training as TrainingState | null;
    const finished = !training || training.step >= training.totalSteps;
    await saveRunRecord(store, { ...record, id: runIdOf(id), checkpointId: id, status: finished ? 'done' : 'stopped', updatedAt: new Date().toISOString() });
  }
  return id;
}
