// A ModelCheckpoint in the storage layer's checkpoint shape (IndexedDB and .safetensors files):
//   config   the GPT config
//   tensors  the weights by parameter name, then the AdamW moments as "optimizer.m.<param>" / "optimizer.v.<param>"
//   metadata {format, version, tokenizer (the lab tokenizer JSON text), training, optimizerStep}
import { jsonPreview } from '../io/json-limits';
import type { NamedTensor } from '../io/safetensors';
import type { GptConfig } from '../model/gpt';
import { checkWeights } from './capture';
import { CheckpointMismatchError } from './errors';
import { TRAINING_STAGES, type Checkpoint, type ModelCheckpoint, type TrainingState } from './types';

export const MODEL_CHECKPOINT_FORMAT = 'relevance-lab/gpt';
export const MODEL_CHECKPOINT_VERSION = 1;
const OPTIMIZER_PREFIX = 'optimizer.';

export function toStoredCheckpoint(checkpoint: ModelCheckpoint, id: string, name: string): Checkpoint {
  const tensors: NamedTensor[] = [...checkpoint.weights];
  for (const tensor of checkpoint.optimizer?.tensors ?? []) tensors.push({ ...tensor, name: OPTIMIZER_PREFIX + tensor.name });
  return {
    id,
    name,
    config: checkpoint.config,
    metadata: {
      format: MODEL_CHECKPOINT_FORMAT,
      version: MODEL_CHECKPOINT_VERSION,
      tokenizer: checkpoint.tokenizer,
      training: checkpoint.training,
      optimizerStep: checkpoint.optimizer ? checkpoint.optimizer.step : null,
    },
    tensors,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTraining(value: unknown, where: string): TrainingState | null {
  if (value === null || value === undefined) return null;
  const fail = (problem: string): never => {
    throw new CheckpointMismatchError(`${where}: training state ${problem}.`);
  };
  if (!isRecord(value)) return fail('must be an object');
  if (!TRAINING_STAGES.includes(value.stage as never)) fail(`has stage ${jsonPreview(value.stage)}; stages are ${TRAINING_STAGES.join(', ')}`);
  for (const key of ['step', 'totalSteps', 'seed', 'batchSize'] as const) {
    if (!Number.isInteger(value[key]) || (value[key] as number) < 0) fail(`"${key}" must be a non-negative integer, got ${jsonPreview(value[key])}`);
  }
  if (!isRecord(value.schedule) || !isRecord(value.groups)) fail('needs "schedule" and "groups" objects');
  if (typeof value.dataFingerprint !== 'string') fail('needs a "dataFingerprint" string');
  return value as unknown as TrainingState;
}

/** Reads and checks a stored checkpoint; `where` names it in errors. */
export function fromStoredCheckpoint(stored: Checkpoint, where = `checkpoint "${stored.name}"`): ModelCheckpoint {
  const { metadata } = stored;
  if (metadata.format !== MODEL_CHECKPOINT_FORMAT) {
    throw new CheckpointMismatchError(`${where}: not a model checkpoint (metadata.format is ${jsonPreview(metadata.format)}, expected "${MODEL_CHECKPOINT_FORMAT}").`);
  }
  if (typeof metadata.version !== 'number' || metadata.version > MODEL_CHECKPOINT_VERSION) {
    throw new CheckpointMismatchError(`${where}: model checkpoint version ${jsonPreview(metadata.version)} is newer than this lab reads (${MODEL_CHECKPOINT_VERSION}); update the lab.`);
  }
  if (!isRecord(stored.config)) throw new CheckpointMismatchError(`${where}: "config" must be an object.`);
  const config = stored.config as unknown as GptConfig;
  const weights = stored.tensors.filter((t) => !t.name.startsWith(OPTIMIZER_PREFIX));
  checkWeights(config, weights, where);
  const tokenizer = metadata.tokenizer ?? null;
  if (tokenizer !== null && typeof tokenizer !== 'string') throw new CheckpointMismatchError(`${where}: metadata.tokenizer must be the tokenizer JSON text.`);
  const momentTensors = stored.tensors
    .filter((t) => t.name.startsWith(OPTIMIZER_PREFIX))
    .map((t) => ({ ...t, name: t.name.slice(OPTIMIZER_PREFIX.length) }));
  const optimizerStep = metadata.optimizerStep;
  if (momentTensors.length > 0 && !Number.isInteger(optimizerStep)) throw new CheckpointMismatchError(`${where}: optimizer moments without an "optimizerStep".`);
  return {
    config: { ...config },
    tokenizer,
    weights,
    optimizer: momentTensors.length > 0 || Number.isInteger(optimizerStep) ? { step: optimizerStep as number, tensors: momentTensors } : null,
    training: checkTraining(metadata.training, where),
  };
}
