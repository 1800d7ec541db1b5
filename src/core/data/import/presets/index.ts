// The presets by name, and the assignment of files to a preset's roles.
import type { ByteSource } from '../byte-source';
import { importFault, MissingFileError } from '../errors';
import { optionError } from '../labels';
import { esciPreset } from './esci';
import { genericPreset } from './generic';
import type { Preset } from './preset';
import { scoresPreset } from './scores';
import { wandsPreset } from './wands';

export const PRESETS: Record<string, Preset> = {
  wands: wandsPreset,
  esci: esciPreset,
  scores: scoresPreset,
  csv: genericPreset,
};

export function presetByName(name: string): Preset {
  const preset = PRESETS[name];
  if (!preset) throw optionError('--preset', `unknown preset "${name}"; presets are ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}

export interface FileChoice {
  source: ByteSource;
  /** An explicit role (from "role=path"); else the file name decides. */
  role?: string;
}

/**
 * Gives each file a role. With `strict` (files named one by one) a file no pattern matches goes to
 * the primary role; without (a whole folder) it is ignored.
 */
export function assignRoles(preset: Preset, files: readonly FileChoice[], strict: boolean): Record<string, ByteSource[]> {
  const byRole: Record<string, ByteSource[]> = {};
  for (const spec of preset.roles) byRole[spec.role] = [];
  for (const { source, role } of files) {
    let chosen = role;
    if (chosen !== undefined && !byRole[chosen]) {
      throw optionError('--files', `the ${preset.name} preset has no file role "${chosen}"; roles are ${preset.roles.map((r) => r.role).join(', ')}`);
    }
    chosen ??= preset.roles.find((spec) => spec.pattern.test(source.name))?.role ?? (strict ? preset.primaryRole : undefined);
    if (chosen) byRole[chosen].push(source);
  }
  for (const spec of preset.roles) {
    if (spec.required && byRole[spec.role].length === 0) {
      throw importFault(MissingFileError, { file: spec.role }, `the ${preset.name} preset needs ${spec.expected}; give it with --files ${spec.role}=PATH or put it in --dir`);
    }
  }
  return byRole;
}
