// From a pipeline run's settings back to the page's settings: the inverse of `pipelineOverrides`
// (pipeline-request.ts), generated from the settings table. Pure: no DOM, no engine.
//
// A run stores the overrides the page (or the command line) sent: the settings that differ from the
// preset's defaults. The page values returned here make `pipelineOverrides` send exactly those
// overrides again: every page key it reads is set, to the decoded value when the run overrides it and
// to the setting's default otherwise. What no page setting can express (a field the page has no
// control for, a value outside a setting's range, a value equal to the page's default, which the page
// never sends, the grades of a manual annotator, an unknown key) is listed in `unmapped` with its path.
import type { SettingsOverrides } from '../../engine/pipeline-types';
import { isPlainObject } from '../../core/pipeline/settings-codecs';
import { codecOf, type SettingRow } from '../../core/pipeline/settings-table';
import type { SettingSpec, SettingValues } from '../settings/spec';
import { MANUAL_GRADES_PATH } from '../lab/pipeline-request';

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

const NO_SETTING = 'no page setting for it';
const AT_DEFAULT = "equals the page's default, which the page never sends (it leaves the preset's value)";
const GRADES_REASON = 'grades are kept by the DASA screen, not in a page setting';
const settingsPath = (path: readonly string[]) => ['settings', ...path].join('.');

/** Where a manual annotator's grades sit in the run's settings (listed in `unmapped` when there are any). */
export const GRADES_PATH = settingsPath(MANUAL_GRADES_PATH);

/** The page keys `pipelineOverrides` reads (model.preset and model.seed go in the request itself). */
export function pipelineReadKeys(rows: readonly SettingRow[]): string[] {
  const gates = new Set(rows.flatMap((row) => (row.pipeline?.when ? [row.pipeline.when.id] : [])));
  return rows.filter((row) => row.pipeline || gates.has(row.key)).map((row) => row.key);
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

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, i) => key === b[i]);
const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.length < path.length && prefix.every((key, i) => key === path[i]);

/** The page setting values that make `pipelineOverrides` give back `overrides`, and what they cannot express. */
export function pageSettingsFrom(overrides: SettingsOverrides, rows: readonly SettingRow[]): ImportedSettings {
  const keys = pipelineReadKeys(rows);
  const bound = rows.filter((row) => row.pipeline);
  const rowOf = (key: string) => rows.find((row) => row.key === key)!;
  const values: SettingValues = Object.fromEntries(keys.map((key) => [key, rowOf(key).default]));
  const unmapped: UnmappedSetting[] = [];
  const miss = (path: readonly string[], value: unknown, reason: string) => void unmapped.push({ path: settingsPath(path), value, reason });

  /** The first setting bound to `path` that sends `value`; else the most telling reason none does. */
  const place = (candidates: SettingRow[], value: unknown, path: readonly string[]): void => {
    let problem: { path: readonly string[]; value: unknown; reason: string } | null = null;
    const reasons: string[] = [];
    for (const row of candidates) {
      const decoded = codecOf(row.pipeline!).decode(value);
      if (!decoded.ok) {
        reasons.push(`${row.key}: ${decoded.reason}`);
        continue;
      }
      const at = decoded.at ? [...path, decoded.at] : path;
      const shown = decoded.at ? (value as Record<string, unknown>)[decoded.at] : value;
      const gate = row.pipeline!.when;
      const forced = gate !== undefined && gate.is !== rowOf(gate.id).default;
      const range = outOfRange(row, decoded.value);
      if (range) problem = { path: at, value: shown, reason: range };
      else if (!forced && decoded.value === row.default) problem = { path: at, value: shown, reason: AT_DEFAULT };
      else {
        values[row.key] = decoded.value;
        if (gate) values[gate.id] = gate.is;
        return;
      }
    }
    if (problem) miss(problem.path, problem.value, problem.reason);
    else miss(path, value, reasons.join('; '));
  };

  const walk = (value: unknown, path: readonly string[]): void => {
    const here = bound.filter((row) => samePath(row.pipeline!.path, path));
    if (here.length > 0) return place(here, value, path);
    if (!isPlainObject(value) || !bound.some((row) => startsWith(row.pipeline!.path, path))) return miss(path, value, NO_SETTING);
    for (const [field, inner] of Object.entries(value)) if (inner !== undefined) walk(inner, [...path, field]);
  };

  walk(withoutGrades(overrides, miss), []);
  return { values, unmapped };
}

/** The overrides with a manual annotator's grades set aside (listed when there are any): no page setting holds them. */
function withoutGrades(overrides: SettingsOverrides, miss: (path: readonly string[], value: unknown, reason: string) => void): SettingsOverrides {
  const annotator: unknown = overrides.annotate?.annotator;
  if (!isPlainObject(annotator) || annotator.kind !== 'manual') return overrides;
  const { grades, ...rest } = annotator;
  if (!isPlainObject(grades)) miss(MANUAL_GRADES_PATH, grades, 'not a map of example id to grade');
  else if (Object.keys(grades).length > 0) miss(MANUAL_GRADES_PATH, grades, GRADES_REASON);
  const annotatorPath = MANUAL_GRADES_PATH.slice(0, -1);
  for (const [key, value] of Object.entries(rest)) if (key !== 'kind') miss([...annotatorPath, key], value, NO_SETTING);
  return { ...overrides, annotate: { ...overrides.annotate, annotator: { kind: 'manual', grades: {} } } };
}
