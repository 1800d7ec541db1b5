// Stage 1, Data: generate the built-in insurance search dataset or import graded pairs.
import { html } from 'lit';
import { DEFAULT_SHIFTS, DEFAULT_SIZES, type GeneratorConfigInput, type GeneratorMode } from '../../core/data/generator/config';
import { SHIFT_TAGS, SPLITS, type ShiftTag } from '../../core/data/schema';
import '../data/data-screen';
import type { SettingSpec, SettingValues } from '../settings/spec';
import type { StageDefinition } from './stage';

export const SHIFT_LABELS: Record<ShiftTag, string> = {
  unseen_category: 'Unseen categories',
  conversational: 'Conversational long queries',
  colloquial_typo: 'Colloquial words and typos',
  unseen_brand: 'Unseen brands',
};

const SIZE_LABELS: Record<string, string> = { train: 'Train', val: 'Validation', test_id: 'ID test', test_ood: 'OOD test', pool: 'Unlabeled pool' };

export const DATA_SETTINGS: SettingSpec[] = [
  { key: 'data.seed', label: 'Seed', kind: 'int', default: 1, min: 0, max: 4294967295, group: 'Generator', help: 'The same seed and settings give the same dataset.' },
  {
    key: 'data.mode', label: 'Grades', kind: 'choice', default: 'rules', group: 'Generator',
    options: [{ value: 'rules', label: 'Rules (crisp)' }, { value: 'realistic', label: 'Realistic (noisy raters)' }],
    help: 'Rules: strong = category and every constraint met. Realistic: 3-5 simulated raters judge a graded relevance; most pairs partial, about 1 in 6 labels noisy.',
  },
  {
    key: 'data.itemsPerQuery', label: 'Items per query', kind: 'int', default: 0, min: 0, max: 20, group: 'Generator',
    help: "0: the mode's default (rules 5; realistic 6-10). In realistic mode the most per query: each query gets from 4 fewer up to this many.",
  },
  { key: 'data.oodMix', label: 'Pool OOD mix', kind: 'number', default: 0.3, min: 0, max: 1, step: 0.05, group: 'Generator', help: 'Share of pool queries drawn from the shifted (OOD) distribution.' },
  ...SPLITS.map((split): SettingSpec => ({ key: `data.${split}`, label: SIZE_LABELS[split], kind: 'int', default: DEFAULT_SIZES[split], min: 0, max: 100_000, group: 'Examples per split' })),
  ...SHIFT_TAGS.flatMap((tag): SettingSpec[] => [
    { key: `data.${tag}`, label: SHIFT_LABELS[tag], kind: 'bool', default: DEFAULT_SHIFTS[tag].enabled, group: 'OOD shifts' },
    { key: `data.${tag}.strength`, label: 'Strength', kind: 'number', default: DEFAULT_SHIFTS[tag].strength, min: 0, max: 1, step: 0.05, group: 'OOD shifts', shownWhen: `data.${tag}` },
  ]),
];

/** The generator's input from the Data stage's settings. */
export function generatorConfigFrom(values: SettingValues): GeneratorConfigInput {
  const value = (key: string) => values[`data.${key}`] ?? DATA_SETTINGS.find((spec) => spec.key === `data.${key}`)!.default;
  const itemsPerQuery = value('itemsPerQuery') as number;
  return {
    mode: value('mode') as GeneratorMode,
    seed: value('seed') as number,
    // 0 leaves the mode's default (rules 5, realistic 10).
    ...(itemsPerQuery > 0 ? { itemsPerQuery } : {}),
    oodMix: value('oodMix') as number,
    sizes: Object.fromEntries(SPLITS.map((split) => [split, value(split) as number])),
    shifts: Object.fromEntries(SHIFT_TAGS.map((tag) => [tag, { enabled: value(tag) as boolean, strength: value(`${tag}.strength`) as number }])),
  };
}

export const dataStage: StageDefinition = {
  id: 'data',
  title: 'Data',
  tagline: 'Generate or import graded pairs',
  what: 'Builds the graded query-item pairs every later stage uses: train, validation, an in-distribution (ID) test, an out-of-distribution (OOD) test, and an unlabeled pool whose gold grades stay hidden until an annotator reveals them. Grades: 0 irrelevant, 1 weak, 2 strong, from crisp rules or, in realistic mode, from simulated raters who disagree near the boundaries.',
  why: 'The method is about robustness under distribution shift, so the data must contain a real, named shift: the OOD test and part of the pool come from unseen categories, conversational queries, colloquial words with typos, and unseen brands.',
  settings: DATA_SETTINGS,
  unavailable: null,
  render: ({ lab, state }) => html`<lab-data-screen .lab=${lab} .state=${state}></lab-data-screen>`,
};
