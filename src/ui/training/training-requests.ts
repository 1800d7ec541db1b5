// From the stages' settings to the engine's training request: each setting of the settings table
// with a `training` path (the Model stage's and the stage's own) goes there. Pure: no DOM, no engine.
import type { GptPresetName, ModelCheckpointSummary, ModelInit, TrainingRequest } from '../../engine/model-types';
import type { SettingRow } from '../../core/pipeline/settings-table';
import { setPath, settingReader } from '../../core/pipeline/settings-values';
import type { SettingValues } from '../settings/spec';
import type { TrainingStage } from '../../core/job/stages';

/** Where a stage starts: a new model from the Model stage's settings, or a stored checkpoint. */
export type StartPoint = { kind: 'new' } | { kind: 'checkpoint'; id: string };

export interface RequestInput {
  stage: TrainingStage;
  values: SettingValues;
  /** The settings table (or at least the Model stage's rows and the stage's own). */
  rows: readonly SettingRow[];
  datasetId: string;
  start: StartPoint;
  /** The Model stage's chosen tokenizer for a new model; null trains one on the dataset. */
  tokenizerId: string | null;
  checkpointId: string;
  name: string;
}

/** The new model, or the checkpoint, a stage starts from: not a pipeline setting, the Model stage's choices. */
export function modelInit(input: Pick<RequestInput, 'values' | 'rows' | 'start' | 'tokenizerId'>): ModelInit {
  const { start } = input;
  if (start.kind === 'checkpoint') return { from: 'checkpoint', checkpointId: start.id };
  const { value } = settingReader(input.values, input.rows);
  return {
    from: 'preset',
    preset: value('model.preset') as GptPresetName,
    seed: value('model.seed') as number,
    dropout: value('model.dropout') as number,
    ...(input.tokenizerId ? { tokenizerId: input.tokenizerId } : { vocabSize: value('model.vocab') as number }),
  };
}

export function trainingRequest(input: RequestInput): TrainingRequest {
  const { value } = settingReader(input.values, input.rows);
  const request: Record<string, unknown> = { stage: input.stage, datasetId: input.datasetId, init: modelInit(input), checkpointId: input.checkpointId, name: input.name };
  for (const row of input.rows) {
    if (row.training && (row.stage === 'model' || row.stage === input.stage)) setPath(request, row.training, value(row.key));
  }
  return request as unknown as TrainingRequest;
}

/** Where a stage starts by default: the method's order (pretrain -> probe -> fine-tune) over finished checkpoints. */
export function defaultStart(stage: TrainingStage, checkpoints: readonly ModelCheckpointSummary[]): StartPoint {
  const latest = (of: TrainingStage) => checkpoints.find((entry) => entry.stage === of && entry.state === 'finished');
  const order: TrainingStage[] = stage === 'finetune' ? ['probe', 'pretrain'] : stage === 'probe' ? ['pretrain'] : [];
  for (const previous of order) {
    const found = latest(previous);
    if (found) return { kind: 'checkpoint', id: found.id };
  }
  return { kind: 'new' };
}
