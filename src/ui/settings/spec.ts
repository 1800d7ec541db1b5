// A stage setting: its key (`<stage>.<name>`), label, kind, default and allowed values. The settings
// form, the URL hash and the engine calls all read the same specs.

export type SettingValue = number | boolean | string;
export type SettingValues = Record<string, SettingValue>;

interface SpecBase {
  /** `<stage>.<name>`: unique over the lab, used in the URL. */
  key: string;
  label: string;
  help?: string;
  /** Settings with the same group are shown together under this heading. */
  group?: string;
  /** Shown only when this bool setting is on (e.g. a shift's strength under its switch). */
  shownWhen?: string;
}

export type SettingSpec =
  | (SpecBase & { kind: 'int'; default: number; min: number; max: number })
  | (SpecBase & { kind: 'number'; default: number; min: number; max: number; step: number })
  | (SpecBase & { kind: 'bool'; default: boolean })
  | (SpecBase & { kind: 'choice'; default: string; options: { value: string; label: string }[] });

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
