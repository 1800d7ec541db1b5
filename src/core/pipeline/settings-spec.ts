// What a user-facing setting is: its id (`<stage>.<name>`, the key of forms and links), label,
// kind, default and allowed values. Plain data, no tfjs: the page reads it.

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
