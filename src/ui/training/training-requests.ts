// From the stages' settings to the engine's training request. Pure: no DOM, no engine.
import type { GptPresetName, ModelCheckpointSummary, ModelInit, TrainingRequest } from '../../engine/model-types';
import { DEFAULT_LOSS_EVERY } from '../../core/training/loop/loss-every';
import type { SettingSpec, SettingValue, SettingValues } from '../settings/spec';
import type { TrainingStageId } from './training-session';

/** Where a stage starts: a new model from the Model stage's settings, or a stored checkpoint. */
export type StartPoint = { kind: 'new' } | { kind: 'checkpoint'; id: string };

export const MODEL_SETTINGS: SettingSpec[] = [
  { key: 'model.preset', label: 'Preset', kind: 'choice', default: 'small', options: [
    { value: 'nano', label: 'nano (36 K, seconds)' },
    { value: 'small', label: 'small (1.1 M, default)' },
    { value: 'base', label: 'base (5.8 M)' },
  ] },
  { key: 'model.budget', label: 'Budget', kind: 'choice', default: 'demo', options: [
    { value: 'demo', label: 'demo (about 2 minutes on 2 idle cores)' },
    { value: 'quick', label: 'quick (smoke test)' },
    { value: 'full', label: 'full (the recipe, about 15 minutes)' },
  ], help: "The pipeline's stage lengths and row caps; a stage setting you change overrides it." },
  { key: 'model.seed', label: 'Initialisation seed', kind: 'int', default: 1, min: 0, max: 4294967295, help: 'Also the seed of the data order and dropout of each stage.' },
  { key: 'model.dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05 },
  { key: 'model.vocab', label: 'Tokenizer vocabulary', kind: 'int', default: 2048, min: 512, max: 8192, help: 'Tokens of a newly trained byte-level BPE tokenizer.' },
  { key: 'model.lossEvery', label: 'Read the loss every (steps)', kind: 'int', default: DEFAULT_LOSS_EVERY, min: 1, max: 10_000,
    help: 'Training stages bring the loss back from the device once per this many steps (and at the first and last step): each read makes the computer wait for the GPU to finish. The curve, the progress and the stop on a non-finite loss follow these reads; 1 reads every step.' },
];

function read(values: SettingValues, specs: readonly SettingSpec[], key: string): SettingValue {
  const spec = specs.find((candidate) => candidate.key === key);
  if (!spec) throw new Error(`No setting "${key}".`);
  return values[key] ?? spec.default;
}

export interface RequestInput {
  stage: TrainingStageId;
  values: SettingValues;
  /** The settings of every stage (model and the stage's own). */
  specs: readonly SettingSpec[];
  datasetId: string;
  start: StartPoint;
  /** The Model stage's chosen tokenizer for a new model; null trains one on the dataset. */
  tokenizerId: string | null;
  checkpointId: string;
  name: string;
}

export function modelInit(input: Pick<RequestInput, 'values' | 'specs' | 'start' | 'tokenizerId'>): ModelInit {
  const { values, specs, start } = input;
  if (start.kind === 'checkpoint') return { from: 'checkpoint', checkpointId: start.id };
  return {
    from: 'preset',
    preset: read(values, specs, 'model.preset') as GptPresetName,
    seed: read(values, specs, 'model.seed') as number,
    dropout: read(values, specs, 'model.dropout') as number,
    ...(input.tokenizerId ? { tokenizerId: input.tokenizerId } : { vocabSize: read(values, specs, 'model.vocab') as number }),
  };
}

export function trainingRequest(input: RequestInput): TrainingRequest {
  const { stage, values, specs } = input;
  const value = (name: string) => read(values, specs, `${stage}.${name}`);
  const base = {
    stage,
    datasetId: input.datasetId,
    init: modelInit(input),
    seed: read(values, specs, 'model.seed') as number,
    batchSize: value('batch') as number,
    learningRate: value('lr') as number,
    lossEvery: read(values, specs, 'model.lossEvery') as number,
    checkpointId: input.checkpointId,
    name: input.name,
  };
  if (stage === 'pretrain') return { ...base, steps: value('steps') as number, checkpointEvery: value('checkpointEvery') as number };
  if (stage === 'probe') return { ...base, epochs: value('epochs') as number, loss: value('loss') === 'ce' ? 'ce' : 'occ' };
  return {
    ...base,
    epochs: value('epochs') as number,
    loss: {
      ordinalSmoothing: value('ordinal') as number,
      confidencePenalty: value('penalty') as number,
      marginWeight: value('margin') as number,
      labelSmoothing: value('smoothing') as number,
    },
  };
}

/** Where a stage starts by default: the method's order (pretrain -> probe -> fine-tune) over finished checkpoints. */
export function defaultStart(stage: TrainingStageId, checkpoints: readonly ModelCheckpointSummary[]): StartPoint {
  const latest = (of: TrainingStageId) => checkpoints.find((entry) => entry.stage === of && entry.state === 'finished');
  const order: TrainingStageId[] = stage === 'finetune' ? ['probe', 'pretrain'] : stage === 'probe' ? ['pretrain'] : [];
  for (const previous of order) {
    const found = latest(previous);
    if (found) return { kind: 'checkpoint', id: found.id };
  }
  return { kind: 'new' };
}
