// The settings in the address's hash, so one link reproduces them:
//   #stage=data&data.seed=7&data.train=300&data.conversational=0
// Only values that differ from their default are written. Reading a link keeps the defaults for
// anything invalid or unknown and says what was wrong; a setting's old id still reads as its new one.
import { LEGACY_SETTING_IDS } from '../../core/pipeline/settings-table';
import { defaultValues, formatSetting, parseSetting, type SettingSpec, type SettingValues } from './spec';

export const STAGE_PARAMETER = 'stage';

export interface DecodedSettings {
  values: SettingValues;
  stage: string | null;
  /** One sentence per ignored entry: what was wrong and that the default is kept. */
  problems: string[];
}

export function encodeSettings(values: SettingValues, specs: readonly SettingSpec[], stage: string | null): string {
  const params = new URLSearchParams();
  if (stage) params.set(STAGE_PARAMETER, stage);
  for (const spec of specs) {
    const value = values[spec.key];
    if (value !== undefined && value !== spec.default) params.set(spec.key, formatSetting(value));
  }
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}

export function decodeSettings(hash: string, specs: readonly SettingSpec[], stages: readonly string[]): DecodedSettings {
  const values = defaultValues(specs);
  const problems: string[] = [];
  let stage: string | null = null;
  const byKey = new Map(specs.map((spec) => [spec.key, spec]));
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const [written, text] of params) {
    const key = LEGACY_SETTING_IDS[written] ?? written;
    if (key === STAGE_PARAMETER) {
      if (stages.includes(text)) stage = text;
      else problems.push(`"${text}" is not a stage (stages are ${stages.join(', ')}); the lab opens on the first stage.`);
      continue;
    }
    const spec = byKey.get(key);
    if (!spec) {
      problems.push(`"${key}" is not a setting of this lab; it was ignored.`);
      continue;
    }
    const parsed = parseSetting(spec, text);
    if (parsed.ok) values[key] = parsed.value;
    else problems.push(`${key}=${JSON.stringify(text)}: ${parsed.problem}; the default ${formatSetting(spec.default)} is kept.`);
  }
  return { values, stage, problems };
}
