// Stage 1, Data: generate the built-in insurance search dataset or import graded pairs.
import type { GeneratorConfigInput } from '../../core/data/generator/config';
import { codecOf, SETTINGS_TABLE, stageSettingRows } from '../../core/pipeline/settings-table';
import { setPath, settingReader } from '../../core/pipeline/settings-values';
import type { SettingValues } from '../settings/spec';
import type { StageDefinition } from '../stage';

/** The generator's input from the Data stage's settings (each row's `generator` path in the settings table). */
export function generatorConfigFrom(values: SettingValues): GeneratorConfigInput {
  const { value } = settingReader(values, SETTINGS_TABLE);
  const config: Record<string, unknown> = {};
  for (const row of SETTINGS_TABLE) {
    if (!row.generator) continue;
    const input = codecOf(row.generator).encode(value(row.key));
    if (input !== undefined) setPath(config, row.generator.path, input);
  }
  return config as GeneratorConfigInput;
}

export const dataStage: StageDefinition = {
  id: 'data',
  title: 'Data',
  tagline: 'Generate or import graded pairs',
  what: 'Builds the graded query-item pairs every later stage uses: train, validation, an in-distribution (ID) test, an out-of-distribution (OOD) test, and an unlabeled pool whose gold grades stay hidden until an annotator reveals them. Grades: 0 irrelevant, 1 weak, 2 strong, from crisp rules or, in realistic mode, from simulated raters who disagree near the boundaries.',
  why: 'The method is about robustness under distribution shift, so the data must contain a real, named shift: the OOD test and part of the pool come from unseen categories, conversational queries, colloquial words with typos, and unseen brands.',
  settings: stageSettingRows('data'),
  unavailable: null,
};
