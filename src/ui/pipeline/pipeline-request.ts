// From the page's settings to the engine's pipeline request. Pure: no DOM, no engine.
//
// The pipeline starts from the preset's defaults (src/core/pipeline/defaults.ts, in the engine). A
// stage setting the person changed (a value other than its shown default, which is the `small`
// preset's recipe) is laid over them; one left at its default keeps the preset's own value, so
// nano runs nano's short stages. The page shows the settings the engine resolved.
import type { Grade } from '../../core/data/schema';
import type { PipelineRequest, PipelineStage, SettingsOverrides } from '../../engine/pipeline-types';
import type { GptPresetName } from '../../core/model/gpt';
import type { PipelineBudget } from '../../core/pipeline/budgets';
import { CROSS_ENTROPY } from '../../core/training/step/occ-config';
import type { SettingSpec, SettingValue, SettingValues } from '../settings/spec';

export interface RequestInputs {
  values: SettingValues;
  /** Every setting of the lab (their defaults decide what counts as changed). */
  specs: readonly SettingSpec[];
  datasetId: string;
  /** The person's grades of the DASA selection, used when the annotator setting is "person". */
  manualGrades: ReadonlyMap<string, Grade>;
}

/** Keys the pipeline reads, other than model.preset, model.budget and model.seed (which choose the defaults). */
export const PIPELINE_SETTING_PREFIXES = ['pretrain.', 'probe.', 'dasa.', 'finetune.', 'interpolate.', 'evaluate.'] as const;

function reader(values: SettingValues, specs: readonly SettingSpec[]) {
  const spec = (key: string) => {
    const found = specs.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`No setting "${key}".`);
    return found;
  };
  const value = (key: string): SettingValue => values[key] ?? spec(key).default;
  const changed = (key: string) => value(key) !== spec(key).default;
  return { value, changed };
}

/** Alphas 0 to 1 in `points` even steps, rounded to 4 decimals. */
export function evenAlphas(points: number): number[] {
  return Array.from({ length: points }, (_, i) => Number((i / (points - 1)).toFixed(4)));
}

type Overrides = { [K in keyof SettingsOverrides]-?: NonNullable<SettingsOverrides[K]> };

/** The settings the person changed, in the shape of PipelineSettings. */
export function pipelineOverrides(inputs: Omit<RequestInputs, 'datasetId'>): SettingsOverrides {
  const { value, changed } = reader(inputs.values, inputs.specs);
  const num = (key: string) => value(key) as number;
  const out: Partial<Overrides> = {};
  const part = <K extends keyof Overrides>(key: K): Record<string, unknown> => (out[key] ??= {} as Overrides[K]) as Record<string, unknown>;
  const set = (stage: keyof Overrides, field: string, key: string, map: (v: SettingValue) => unknown = (v) => v) => {
    if (changed(key)) part(stage)[field] = map(value(key));
  };

  set('pretrain', 'source', 'pretrain.source');
  if (changed('model.vocab')) part('pretrain').vocabSize = num('model.vocab');
  if (value('pretrain.enabled') === false) part('pretrain').length = { steps: 0 };
  else set('pretrain', 'length', 'pretrain.steps', (v) => ({ steps: v }));
  set('pretrain', 'batchSize', 'pretrain.batch');
  set('pretrain', 'learningRate', 'pretrain.lr');
  set('pretrain', 'checkpointEvery', 'pretrain.checkpointEvery');
  set('pretrain', 'matchSignals', 'pretrain.matchSignals');
  set('pretrain', 'pairsWeight', 'pretrain.pairsWeight');

  set('probe', 'length', 'probe.epochs', (v) => ({ epochs: v }));
  set('probe', 'batchSize', 'probe.batch');
  set('probe', 'learningRate', 'probe.lr');
  if (value('probe.loss') === 'ce') part('probe').loss = { ...CROSS_ENTROPY };

  set('finetune', 'length', 'finetune.epochs', (v) => ({ epochs: v }));
  set('finetune', 'batchSize', 'finetune.batch');
  set('finetune', 'learningRate', 'finetune.lr');
  const loss: Record<string, number> = {};
  const lossKeys: [string, string][] = [['ordinal', 'ordinalSmoothing'], ['penalty', 'confidencePenalty'], ['margin', 'marginWeight'], ['smoothing', 'labelSmoothing']];
  for (const [name, field] of lossKeys) if (changed(`finetune.${name}`)) loss[field] = num(`finetune.${name}`);
  if (Object.keys(loss).length > 0) part('finetune').loss = loss;

  set('dasa', 'knnK', 'dasa.k');
  set('dasa', 'quantile', 'dasa.keep');
  if (num('dasa.budget') > 0) part('dasa').budget = num('dasa.budget');
  set('dasa', 'maxCosine', 'dasa.maxCosine');
  if (value('dasa.detector') === 'mahalanobis') part('dasa').weights = { knn: 0 };
  if (value('dasa.detector') === 'knn') part('dasa').weights = { mahalanobis: 0 };
  if (value('dasa.annotator') === 'person') part('annotate').annotator = { kind: 'manual', grades: Object.fromEntries(inputs.manualGrades) };

  if (value('interpolate.choice') === 'manual') part('interpolate').alphas = [num('interpolate.alpha')];
  else if (changed('interpolate.points')) part('interpolate').alphas = evenAlphas(num('interpolate.points'));

  set('evaluate', 'knnK', 'evaluate.knn');
  return out as SettingsOverrides;
}

export function pipelineRequest(inputs: RequestInputs): PipelineRequest {
  const { value } = reader(inputs.values, inputs.specs);
  return {
    datasetId: inputs.datasetId,
    preset: value('model.preset') as GptPresetName,
    seed: value('model.seed') as number,
    budget: value('model.budget') as PipelineBudget,
    settings: pipelineOverrides(inputs),
  };
}

/** How many pipeline stage settings differ from their defaults (what "Run all with defaults" means). */
export function changedPipelineSettings(values: SettingValues, specs: readonly SettingSpec[]): string[] {
  return specs
    .filter((spec) => PIPELINE_SETTING_PREFIXES.some((prefix) => spec.key.startsWith(prefix)))
    .filter((spec) => spec.key !== 'dasa.annotator' && values[spec.key] !== undefined && values[spec.key] !== spec.default)
    .map((spec) => spec.key);
}

/** The pipeline stage a progress event belongs to (`data` for generating a dataset). */
export function progressStage(name: string): PipelineStage | 'data' | null {
  if (name === 'generate' || name === 'store') return 'data';
  if (name === 'probe-features') return 'probe';
  if (name === 'dasa-features') return 'dasa';
  const stages: readonly string[] = ['pretrain', 'probe', 'dasa', 'annotate', 'finetune', 'interpolate', 'evaluate'];
  return stages.includes(name) ? (name as PipelineStage) : null;
}

/** What Run all goes through, in order: the page's stage names. */
export const RUN_ALL_STEPS = ['data', 'pretrain', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate'] as const;
