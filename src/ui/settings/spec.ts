// Reading and writing a setting's value as text (forms and links). The settings themselves are the
// table in src/core/pipeline/settings-table.ts.

import type { SettingSpec, SettingValue, SettingValues } from '../../core/pipeline/settings-spec';

export type { SettingSpec, SettingValue, SettingValues };

export type ParsedSetting = { ok: true; value: SettingValue } | { ok: false; problem: string };

/** Reads a value typed into a form or found in a link; the problem names the allowed values. */
export function parseSetting(spec: SettingSpec, text: string): ParsedSetting {
  const raw = text.trim();
  switch (spec.kind) {
    case 'int': {
      const value = Number(raw);
      if (raw === '' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        return { ok: false, problem: `${spec.label} must be a whole number from ${spec.min} to ${spec.max}` };
      }
      return { ok: true, value };
    }
    case 'number': {
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
        return { ok: false, problem: `${spec.label} must be a number from ${spec.min} to ${spec.max}` };
      }
      return { ok: true, value };
    }
    case 'bool': {
      if (['1', 'true', 'on', 'yes'].includes(raw.toLowerCase())) return { ok: true, value: true };
      if (['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return { ok: true, value: false };
      return { ok: false, problem: `${spec.label} must be on or off (1 or 0)` };
    }
    case 'choice': {
      if (!spec.options.some((option) => option.value === raw)) {
        return { ok: false, problem: `${spec.label} must be one of ${spec.options.map((option) => option.value).join(', ')}` };
      }
      return { ok: true, value: raw };
    }
  }
}

export function formatSetting(value: SettingValue): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function defaultValues(specs: readonly SettingSpec[]): SettingValues {
  return Object.fromEntries(specs.map((spec) => [spec.key, spec.default]));
}

/** A setting's value, or its default when unset. */
export function valueOf<T extends SettingValue>(values: SettingValues, spec: SettingSpec & { default: T }): T {
  return (values[spec.key] ?? spec.default) as T;
}
