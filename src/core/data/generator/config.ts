// Settings of the built-in dataset generator, their defaults and their validation.
import { LabError, registerLabError } from '../../errors';
import { SHIFT_TAGS, SPLITS, type ShiftTag, type Split } from '../schema';
import { CATEGORIES, DEFAULT_UNSEEN_CATEGORIES } from './catalog';

export interface ShiftKnob {
  enabled: boolean;
  /** 0..1: the share of OOD queries this shift is applied to (see docs/DATA.md). */
  strength: number;
}

/**
 * How grades are made. 'rules': crisp rules (strong = category and every constraint met; see
 * grading.ts). 'realistic': a latent relevance from graded parts, judged by 3-5 noisy simulated
 * raters whose mean grade is the label (realistic.ts, docs/DATA.md "Realistic mode").
 */
export type GeneratorMode = 'rules' | 'realistic';
export const GENERATOR_MODES: readonly GeneratorMode[] = ['rules', 'realistic'];

export interface GeneratorConfig {
  mode: GeneratorMode;
  seed: number;
  /** Number of examples (query-item pairs) per split. */
  sizes: Record<Split, number>;
  /**
   * Candidate items per query. 'rules': exactly this many (default 5). 'realistic': the most per
   * query, each query drawing from itemsPerQuery - 4 to itemsPerQuery (at least 3; default 10, so 6-10).
   */
  itemsPerQuery: number;
  /** Share of pool queries drawn from the OOD distribution (the rest are ID-like). */
  oodMix: number;
  /** Category keys that appear only in test_ood and the OOD part of the pool. */
  unseenCategories: string[];
  shifts: Record<ShiftTag, ShiftKnob>;
  /**
   * Shifts the pool's OOD part never gets (test_ood still gets every shift): the pool then holds
   * no labelled sample of these shifts, so DASA cannot pick them. Default none.
   */
  poolExcludeShifts: ShiftTag[];
}

export const DEFAULT_SIZES: Readonly<Record<Split, number>> = { train: 6000, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000 };

export const DEFAULT_ITEMS_PER_QUERY: Readonly<Record<GeneratorMode, number>> = { rules: 5, realistic: 10 };

export const DEFAULT_SHIFTS: Readonly<Record<ShiftTag, ShiftKnob>> = {
  unseen_category: { enabled: true, strength: 0.5 },
  conversational: { enabled: true, strength: 0.5 },
  colloquial_typo: { enabled: true, strength: 0.5 },
  unseen_brand: { enabled: true, strength: 0.4 },
};

export class GeneratorConfigError extends LabError {}
registerLabError(GeneratorConfigError);

export interface GeneratorConfigInput {
  mode?: GeneratorMode;
  seed?: number;
  sizes?: Partial<Record<Split, number>>;
  itemsPerQuery?: number;
  oodMix?: number;
  unseenCategories?: string[];
  shifts?: Partial<Record<ShiftTag, Partial<ShiftKnob>>>;
  poolExcludeShifts?: ShiftTag[];
}

/** Fills in defaults and checks every value; throws GeneratorConfigError naming the bad setting. */
export function resolveConfig(input: GeneratorConfigInput = {}): GeneratorConfig {
  const fail = (setting: string, message: string, value: unknown): never => {
    throw new GeneratorConfigError(`generator setting "${setting}" ${message} (got ${JSON.stringify(value)})`, { setting, value });
  };
  const mode = input.mode ?? 'rules';
  if (!GENERATOR_MODES.includes(mode)) fail('mode', `must be one of ${GENERATOR_MODES.join(', ')}`, mode);
  const seed = input.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail('seed', 'must be an integer from 0 to 4294967295', seed);

  const sizes = { ...DEFAULT_SIZES };
  for (const [split, size] of Object.entries(input.sizes ?? {})) {
    if (!(SPLITS as readonly string[]).includes(split)) fail(`sizes.${split}`, `is not a split; splits are ${SPLITS.join(', ')}`, size);
    if (!Number.isInteger(size) || size! < 0 || size! > 1_000_000) fail(`sizes.${split}`, 'must be an integer from 0 to 1000000', size);
    sizes[split as Split] = size!;
  }

  const itemsPerQuery = input.itemsPerQuery ?? DEFAULT_ITEMS_PER_QUERY[mode];
  if (!Number.isInteger(itemsPerQuery) || itemsPerQuery < 3 || itemsPerQuery > 20) {
    fail('itemsPerQuery', 'must be an integer from 3 to 20 (three grades per query at least)', itemsPerQuery);
  }

  const oodMix = input.oodMix ?? 0.3;
  if (!(oodMix >= 0 && oodMix <= 1)) fail('oodMix', 'must be between 0 and 1', oodMix);

  const unseenCategories = [...(input.unseenCategories ?? DEFAULT_UNSEEN_CATEGORIES)];
  const known = CATEGORIES.map((c) => c.key);
  for (const key of unseenCategories) {
    if (!known.includes(key)) fail('unseenCategories', `names an unknown category "${key}"; categories are ${known.join(', ')}`, unseenCategories);
  }
  if (known.length - new Set(unseenCategories).size < 3) fail('unseenCategories', 'must leave at least 3 categories for the ID splits', unseenCategories);

  const shifts = {} as Record<ShiftTag, ShiftKnob>;
  for (const tag of SHIFT_TAGS) shifts[tag] = { ...DEFAULT_SHIFTS[tag] };
  for (const [tag, knob] of Object.entries(input.shifts ?? {})) {
    if (!(SHIFT_TAGS as readonly string[]).includes(tag)) fail(`shifts.${tag}`, `is not a shift; shifts are ${SHIFT_TAGS.join(', ')}`, knob);
    const merged = { ...shifts[tag as ShiftTag], ...knob };
    if (!(merged.strength >= 0 && merged.strength <= 1)) fail(`shifts.${tag}.strength`, 'must be between 0 and 1', merged.strength);
    shifts[tag as ShiftTag] = { enabled: Boolean(merged.enabled), strength: merged.strength };
  }
  if (shifts.unseen_category.enabled && shifts.unseen_category.strength > 0 && unseenCategories.length === 0) {
    fail('unseenCategories', 'is empty while the unseen_category shift is on', unseenCategories);
  }
  const poolExcludeShifts = resolvePoolExclusion(input.poolExcludeShifts ?? [], shifts, oodMix, fail);
  return { mode, seed, sizes, itemsPerQuery, oodMix, unseenCategories, shifts, poolExcludeShifts };
}

/** The shifts an OOD query may get: enabled, with a strength above 0. */
export function activeShifts(shifts: Record<ShiftTag, ShiftKnob>): ShiftTag[] {
  return SHIFT_TAGS.filter((tag) => shifts[tag].enabled && shifts[tag].strength > 0);
}

/** Known tags, each once, in SHIFT_TAGS order; the pool's OOD part must keep at least one active shift. */
function resolvePoolExclusion(
  excluded: readonly string[],
  shifts: Record<ShiftTag, ShiftKnob>,
  oodMix: number,
  fail: (setting: string, message: string, value: unknown) => never,
): ShiftTag[] {
  for (const tag of excluded) {
    if (!(SHIFT_TAGS as readonly string[]).includes(tag)) fail('poolExcludeShifts', `names an unknown shift "${tag}"; shifts are ${SHIFT_TAGS.join(', ')}`, excluded);
  }
  const resolved = SHIFT_TAGS.filter((tag) => excluded.includes(tag));
  const left = activeShifts(shifts).filter((tag) => !resolved.includes(tag));
  if (resolved.length > 0 && oodMix > 0 && left.length === 0) {
    fail('poolExcludeShifts', 'leaves the pool no active shift: its OOD part would be plain ID queries (exclude fewer shifts or set oodMix to 0)', excluded);
  }
  return resolved;
}

/**
 * The config as generated files and dataset ids record it. 'rules' mode leaves `mode` out, so the
 * files and ids of rules-mode data are byte-identical to those written before the mode existed (a
 * recorded config without `mode` means 'rules'); 'realistic' mode records it first. An empty
 * `poolExcludeShifts` is left out for the same reason (absent means none).
 */
export function recordedConfig(config: GeneratorConfig): Omit<GeneratorConfig, 'mode' | 'poolExcludeShifts'> & { mode?: GeneratorMode; poolExcludeShifts?: ShiftTag[] } {
  const { mode, poolExcludeShifts, ...rest } = config;
  const recorded = mode === 'rules' ? rest : { mode, ...rest };
  return poolExcludeShifts.length > 0 ? { ...recorded, poolExcludeShifts } : recorded;
}
