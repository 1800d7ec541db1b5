// Partial settings laid over the defaults (an experiment's --settings file, or one flag).
import { OPTIONAL_SETTING_PATHS, type PipelineSettings } from '../pipeline/settings';
import { PipelineInputError } from '../pipeline/errors';

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;
export type SettingsOverrides = DeepPartial<PipelineSettings>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REPLACED_WHOLE = new Set(['length', 'annotator', 'weights']);

/** Two sets of overrides as one, the second winning; nothing is checked until they meet the settings. */
export function mergeOverrides(first: SettingsOverrides, second: SettingsOverrides): SettingsOverrides {
  const merge = (a: unknown, b: unknown, key: string): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b) || REPLACED_WHOLE.has(key)) return b === undefined ? a : b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, value] of Object.entries(b)) out[k] = merge(a[k], value, k);
    return out;
  };
  return merge(first, second, '') as SettingsOverrides;
}

/**
 * `base` with `overrides` merged in: objects merge key by key, anything else (numbers, arrays,
 * null) replaces. A key the base does not have is refused, naming its path, so a typo never
 * passes silently; the optional settings (OPTIONAL_SETTING_PATHS) are taken as given. `length` ({steps} or {epochs}) and `annotator` replace as a whole.
 */
export function applyOverrides<T>(base: T, overrides: unknown, path = 'settings'): T {
  if (overrides === undefined) return base;
  if (!isPlainObject(overrides) || !isPlainObject(base)) return overrides as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in base) && !OPTIONAL_SETTING_PATHS.includes(`${path}.${key}`)) throw new PipelineInputError(`${path}.${key} is not a setting (known: ${Object.keys(base).join(', ')}).`, { path: `${path}.${key}` });
    out[key] = REPLACED_WHOLE.has(key) ? value : applyOverrides(base[key as keyof T], value, `${path}.${key}`);
  }
  return out as T;
}
