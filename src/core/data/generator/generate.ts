// The built-in insurance search dataset: seeded, deterministic, split by query.
// train, val and test_id come from the in-distribution (ID) world; test_ood applies the shift
// knobs; the pool mixes both (config.oodMix) and keeps its gold grades as the hidden labels.
import { createRng, type Rng } from '../../random';
import { DEFAULT_LABEL_NAMES, SHIFT_TAGS, SPLITS, splitStats, type DatasetInfo, type Example, type Grade, type ShiftTag, type Split } from '../schema';
import { CATEGORIES, SEEN_BRANDS, UNSEEN_BRANDS } from './catalog';
import { resolveConfig, GeneratorConfigError, type GeneratorConfig, type GeneratorConfigInput } from './config';
import { gradeOf } from './grading';
import { renderItem } from './product';
import { renderQuery } from './render-query';
import { productForGrade, sampleQuerySpec, type World } from './sampling';

export interface GeneratedDataset {
  config: GeneratorConfig;
  examples: Record<Split, Example[]>;
  info: DatasetInfo;
}

/** Generated files carry a fixed timestamp so that a seed reproduces them byte for byte. */
export const GENERATED_CREATED_AT = '1970-01-01T00:00:00.000Z';

const ID_BRAND_RATE = 0.15;
const UNSEEN_BRAND_RATE = 0.5;
const MAX_QUERY_ATTEMPTS = 200;

/** Which shifts one OOD query gets: each enabled shift with its strength, and at least one. */
function drawShifts(rng: Rng, config: GeneratorConfig): ShiftTag[] {
  const active = SHIFT_TAGS.filter((tag) => config.shifts[tag].enabled && config.shifts[tag].strength > 0);
  if (active.length === 0) return [];
  const chosen = active.filter((tag) => rng.next() < config.shifts[tag].strength);
  if (chosen.length > 0) return chosen;
  // None came up: pick one in proportion to strength, so an OOD query is never plain ID.
  const total = active.reduce((sum, tag) => sum + config.shifts[tag].strength, 0);
  let point = rng.next() * total;
  for (const tag of active) {
    point -= config.shifts[tag].strength;
    if (point < 0) return [tag];
  }
  return [active[active.length - 1]];
}

function worldFor(shifts: readonly ShiftTag[], config: GeneratorConfig): World {
  const unseen = new Set(config.unseenCategories);
  const seenKeys = CATEGORIES.map((c) => c.key).filter((key) => !unseen.has(key));
  const unseenCategory = shifts.includes('unseen_category');
  const unseenBrand = shifts.includes('unseen_brand');
  return {
    queryCategories: unseenCategory ? config.unseenCategories : seenKeys,
    itemCategories: unseenCategory ? CATEGORIES.map((c) => c.key) : seenKeys,
    brands: unseenBrand ? UNSEEN_BRANDS : SEEN_BRANDS,
    brandRate: unseenBrand ? UNSEEN_BRAND_RATE : ID_BRAND_RATE,
  };
}

/** Target grades for one query's candidates: each grade once, the rest at random. */
function targetGrades(rng: Rng, count: number): Grade[] {
  const targets: Grade[] = [0, 1, 2];
  while (targets.length < count) targets.push(rng.int(3) as Grade);
  return rng.shuffle(targets);
}

function generateSplit(split: Split, size: number, config: GeneratorConfig, rng: Rng, usedQueries: Set<string>): Example[] {
  const examples: Example[] = [];
  const oodShare = split === 'test_ood' ? 1 : split === 'pool' ? config.oodMix : 0;
  while (examples.length < size) {
    const shifts = oodShare > 0 && (oodShare === 1 || rng.next() < oodShare) ? drawShifts(rng, config) : [];
    const world = worldFor(shifts, config);
    const style = {
      conversational: shifts.includes('conversational'),
      colloquial: shifts.includes('colloquial_typo'),
      typos: shifts.includes('colloquial_typo'),
    };
    let spec = sampleQuerySpec(rng, world);
    let query = renderQuery(rng, spec, style);
    for (let attempt = 1; usedQueries.has(query); attempt++) {
      if (attempt >= MAX_QUERY_ATTEMPTS) {
        throw new GeneratorConfigError(`could not find ${size} distinct queries for split "${split}": make the splits smaller`, { split, size });
      }
      spec = sampleQuerySpec(rng, world);
      query = renderQuery(rng, spec, style);
    }
    usedQueries.add(query);

    const seenItems = new Set<string>();
    for (const target of targetGrades(rng, config.itemsPerQuery)) {
      if (examples.length >= size) break;
      for (let attempt = 0; attempt < 10; attempt++) {
        const product = productForGrade(rng, spec, world, target);
        const item = renderItem(product);
        const key = JSON.stringify(item);
        if (seenItems.has(key)) continue;
        seenItems.add(key);
        const id = `${split}-${String(examples.length).padStart(6, '0')}`;
        examples.push({ id, query, item, grade: gradeOf(spec, product), split, tags: [...shifts] });
        break;
      }
    }
  }
  return examples;
}

export function generateDataset(input: GeneratorConfigInput = {}): GeneratedDataset {
  const config = resolveConfig(input);
  const root = createRng(config.seed);
  const usedQueries = new Set<string>();
  const examples = {} as Record<Split, Example[]>;
  for (const split of SPLITS) examples[split] = generateSplit(split, config.sizes[split], config, root.fork(split), usedQueries);
  const info: DatasetInfo = {
    id: `generated-insurance-seed-${config.seed}`,
    name: `Insurance product search (generated, seed ${config.seed})`,
    source: { kind: 'generated', seed: config.seed, config },
    labelNames: [...DEFAULT_LABEL_NAMES],
    splits: Object.fromEntries(SPLITS.map((split) => [split, splitStats(examples[split])])),
    createdAt: GENERATED_CREATED_AT,
  };
  return { config, examples, info };
}
