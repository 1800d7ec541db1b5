// From a pipeline run's settings back to the page's stage settings: the inverse of
// `pipelineOverrides` (pipeline-request.ts). Pure: no DOM, no engine.
//
// A run stores the overrides the page (or the command line) sent: the settings that differ from the
// preset's defaults. The page values returned here make `pipelineOverrides` send exactly those
// overrides again: every page key it reads is set, to the mapped value when the run overrides it and
// to the setting's default otherwise. What no page setting can express (a field the page has no
// control for, a value outside a setting's range, a value equal to the page's default, which the page
// never sends, the grades of a manual annotator, an unknown key) is listed in `unmapped` with its path.
import type { SettingsOverrides } from '../../engine/pipeline-types';
import { CROSS_ENTROPY } from '../../core/training/step/occ-config';
import type { SettingSpec, SettingValue, SettingValues } from '../settings/spec';
import { evenAlphas, PIPELINE_SETTING_PREFIXES } from './pipeline-request';

/** A setting of the run that no page setting expresses; `path` as the engine names it (`settings.dasa.shrinkage`). */
export interface UnmappedSetting {
  path: string;
  value: unknown;
  /** Why the page cannot express it, in a few words. */
  reason: string;
}

export interface ImportedSettings {
  /** Every page setting `pipelineOverrides` reads, key -> value. */
  values: SettingValues;
  unmapped: UnmappedSetting[];
}

/** Where a manual annotator's grades sit in the run's settings (listed in `unmapped` when there are any). */
export const GRADES_PATH = 'settings.annotate.annotator.grades';

const NO_SETTING = 'no page setting for it';
const AT_DEFAULT = "equals the page's default, which the page never sends (it leaves the preset's value)";
const GRADES_REASON = "grades are kept by the DASA screen, not in a page setting";

/** The page keys `pipelineOverrides` reads (model.preset and model.seed go in the request itself). */
export function pipelineReadKeys(specs: readonly SettingSpec[]): string[] {
  return specs.filter((spec) => spec.key === 'model.vocab' || PIPELINE_SETTING_PREFIXES.some((prefix) => spec.key.startsWith(prefix))).map((spec) => spec.key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly these keys. */
function hasKeys(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  return isObject(value) && Object.keys(value).length === keys.length && keys.every((key) => key in value);
}

/** Null when the value is one the setting allows, else what it allows. */
function outOfRange(spec: SettingSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max ? null : `${spec.key} takes whole numbers from ${spec.min} to ${spec.max}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= spec.min && value <= spec.max ? null : `${spec.key} takes numbers from ${spec.min} to ${spec.max}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `${spec.key} is on or off`;
    case 'choice':
      return typeof value === 'string' && spec.options.some((option) => option.value === value) ? null : `${spec.key} is one of ${spec.options.map((option) => option.value).join(', ')}`;
  }
}

const sameLoss = (a: Record<string, unknown>, b: Readonly<Record<string, unknown>>) => hasKeys(a, Object.keys(b)) && Object.keys(b).every((key) => a[key] === b[key]);

type Rule = (value: unknown, path: string) => void;

/** The page setting values that make `pipelineOverrides` give back `overrides`, and what they cannot express. */
export function pageSettingsFrom(overrides: SettingsOverrides, specs: readonly SettingSpec[]): ImportedSettings {
  const specOf = (key: string): SettingSpec => {
    const found = specs.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`pageSettingsFrom: no setting "${key}" among the lab's settings.`);
    return found;
  };
  const values: SettingValues = Object.fromEntries(pipelineReadKeys(specs).map((key) => [key, specOf(key).default]));
  const unmapped: UnmappedSetting[] = [];
  const miss = (path: string, value: unknown, reason: string): void => {
    unmapped.push({ path: path ? `settings.${path}` : 'settings', value, reason });
  };
  const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

  /**
   * Sets `key` to `value` when the page sends it as a changed value (in range, not the default);
   * otherwise lists `shown` (the run's setting) at `path`.
   */
  const changedTo = (key: string, value: unknown, path: string, shown: unknown = value): void => {
    const spec = specOf(key);
    const problem = outOfRange(spec, value);
    if (problem) miss(path, shown, problem);
    else if (value === spec.default) miss(path, shown, AT_DEFAULT);
    else values[key] = value as SettingValue;
  };
  const to = (key: string): Rule => (value, path) => changedTo(key, value, path);
  const length = (unit: 'steps' | 'epochs', key: string): Rule => (value, path) => {
    if (hasKeys(value, [unit])) changedTo(key, value[unit], `${path}.${unit}`);
    else miss(path, value, `the page sets this length in ${unit}`);
  };
  const fields = (rules: Record<string, Rule>): Rule => (value, path) => {
    if (!isObject(value)) return miss(path, value, NO_SETTING);
    for (const [field, inner] of Object.entries(value)) {
      if (inner === undefined) continue;
      const rule = rules[field];
      if (rule) rule(inner, join(path, field));
      else miss(join(path, field), inner, NO_SETTING);
    }
  };

  const stages: Record<string, Rule> = {
    pretrain: fields({
      source: to('pretrain.source'),
      vocabSize: to('model.vocab'),
      length: (value, path) => {
        if (hasKeys(value, ['steps']) && value.steps === 0) values['pretrain.enabled'] = false;
        else length('steps', 'pretrain.steps')(value, path);
      },
      batchSize: to('pretrain.batch'),
      learningRate: to('pretrain.lr'),
      checkpointEvery: to('pretrain.checkpointEvery'),
      matchSignals: to('pretrain.matchSignals'),
      pairsWeight: to('pretrain.pairsWeight'),
    }),
    probe: fields({
      length: length('epochs', 'probe.epochs'),
      batchSize: to('probe.batch'),
      learningRate: to('probe.lr'),
      loss: (value, path) => {
        if (isObject(value) && sameLoss(value, CROSS_ENTROPY)) values['probe.loss'] = 'ce';
        else miss(path, value, 'the page\'s probe loss is the default OCC or plain cross-entropy');
      },
    }),
    finetune: fields({
      length: length('epochs', 'finetune.epochs'),
      batchSize: to('finetune.batch'),
      learningRate: to('finetune.lr'),
      loss: fields({
        ordinalSmoothing: to('finetune.ordinal'),
        confidencePenalty: to('finetune.penalty'),
        marginWeight: to('finetune.margin'),
        labelSmoothing: to('finetune.smoothing'),
      }),
    }),
    dasa: fields({
      knnK: to('dasa.k'),
      quantile: to('dasa.keep'),
      budget: to('dasa.budget'),
      maxCosine: to('dasa.maxCosine'),
      weights: (value, path) => {
        if (hasKeys(value, ['knn']) && value.knn === 0) values['dasa.detector'] = 'mahalanobis';
        else if (hasKeys(value, ['mahalanobis']) && value.mahalanobis === 0) values['dasa.detector'] = 'knn';
        else miss(path, value, 'the page uses both detectors or turns one off ({knn: 0} or {mahalanobis: 0})');
      },
    }),
    annotate: fields({
      annotator: (value, path) => {
        if (!isObject(value) || value.kind !== 'manual') return miss(path, value, hasKeys(value, ['kind']) && value.kind === 'oracle' ? AT_DEFAULT : NO_SETTING);
        values['dasa.annotator'] = 'person';
        const grades = value.grades;
        if (!isObject(grades)) miss(`${path}.grades`, grades, 'not a map of example id to grade');
        else if (Object.keys(grades).length > 0) miss(`${path}.grades`, grades, GRADES_REASON);
        const other = Object.keys(value).filter((key) => key !== 'kind' && key !== 'grades');
        for (const key of other) miss(`${path}.${key}`, value[key], NO_SETTING);
      },
    }),
    interpolate: fields({
      alphas: (value, path) => {
        const alphas = Array.isArray(value) && value.every((alpha) => typeof alpha === 'number') ? (value as number[]) : null;
        if (alphas?.length === 1 && outOfRange(specOf('interpolate.alpha'), alphas[0]) === null) {
          values['interpolate.choice'] = 'manual';
          values['interpolate.alpha'] = alphas[0]!;
        } else if (alphas && alphas.length >= 2 && evenAlphas(alphas.length).every((alpha, i) => alpha === alphas[i])) {
          changedTo('interpolate.points', alphas.length, path, value);
        } else {
          miss(path, value, 'neither one alpha from 0 to 1 nor alphas evenly spaced from 0 to 1');
        }
      },
    }),
    evaluate: fields({ knnK: to('evaluate.knn') }),
  };

  fields(stages)(overrides, '');
  return { values, unmapped };
}
