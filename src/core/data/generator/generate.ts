// The built-in insurance search dataset: seeded, deterministic, split by query.
// train, val and test_id come from the in-distribution (ID) world; test_ood applies the shift
// knobs; the pool mixes both (config.oodMix) and keeps its gold grades as the hidden labels.
// Two modes (config.mode): 'rules' grades by crisp rules (below, grading.ts); 'realistic' by
// simulated raters judging a latent relevance (realistic.ts).
import { createRng, type Rng } from '../../random';
import { DEFAULT_LABEL_NAMES, SPLITS, splitStats, type DatasetInfo, type Example, type Grade, type LabelNoise, type Split } from '../schema';
import { recordedConfig, resolveConfig, GeneratorConfigError, type GeneratorConfig, type GeneratorConfigInput } from './config';
import { gradeOf } from './grading';
import { renderItem } from './product';
import { createRaterPool, RATER_SETTINGS } from './raters';
import { generateRealisticSplit } from './realistic';
import { renderQuery } from './render-query';
import { productForGrade, sampleQuerySpec } from './sampling';
import { drawSplitShifts, worldFor } from './world';

export interface GeneratedDataset {
  config: GeneratorConfig;
  examples: Record<Split, Example[]>;
  info: DatasetInfo;
}

/** Generated files carry a fixed timestamp so that a seed reproduces them byte for byte. */
export const GENERATED_CREATED_AT = '1970-01-01T00:00:00.000Z';

const MAX_QUERY_ATTEMPTS = 200;

/** Target grades for one query's candidates: each grade once, the rest at random. */
function targetGrades(rng: Rng, count: number): Grade[] {
  const targets: Grade[] = [0, 1, 2];
  while (targets.length < count) targets.push(rng.int(3) as Grade);
  return rng.shuffle(targets);
}

function generateSplit(split: Split, size: number, config: GeneratorConfig, rng: Rng, usedQueries: Set<string>): Example[] {
  const examples: Example[] = [];
  while (examples.length < size) {
    const shifts = drawSplitShifts(split, rng, config);
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

/** Realistic mode: every split judged by one pool of simulated raters, and by fresh panels for the noise measure. */
function generateRealistic(config: GeneratorConfig, root: Rng): { examples: Record<Split, Example[]>; labelNoise: LabelNoise } {
  const usedQueries = new Set<string>();
  const examples = {} as Record<Split, Example[]>;
  const panels = { pool: createRaterPool(createRng(`${config.seed}:raters`)), fresh: createRng(`${config.seed}:fresh-raters`) };
  const flipRate: Partial<Record<Split, number>> = {};
  let flips = 0;
  let pairs = 0;
  for (const split of SPLITS) {
    const result = generateRealisticSplit(split, config.sizes[split], config, root.fork(split), usedQueries, panels);
    examples[split] = result.examples;
    flipRate[split] = result.examples.length ? result.flips / result.examples.length : 0;
    flips += result.flips;
    pairs += result.examples.length;
  }
  const labelNoise: LabelNoise = {
    raters: `${RATER_SETTINGS.minPanel}-${RATER_SETTINGS.maxPanel} per pair from a pool of ${RATER_SETTINGS.poolSize}`,
    flipRate,
    overallFlipRate: pairs ? flips / pairs : 0,
  };
  return { examples, labelNoise };
}

export function generateDataset(input: GeneratorConfigInput = {}): GeneratedDataset {
  const config = resolveConfig(input);
  const root = createRng(config.seed);
  const realistic = config.mode === 'realistic';
  let examples = {} as Record<Split, Example[]>;
  let labelNoise: LabelNoise | undefined;
  if (realistic) ({ examples, labelNoise } = generateRealistic(config, root));
  else {
    const usedQueries = new Set<string>();
    for (const split of SPLITS) examples[split] = generateSplit(split, config.sizes[split], config, root.fork(split), usedQueries);
  }
  const info: DatasetInfo = {
    id: realistic ? `generated-insurance-realistic-seed-${config.seed}` : `generated-insurance-seed-${config.seed}`,
    name: realistic ? `Insurance product search (generated, realistic, seed ${config.seed})` : `Insurance product search (generated, seed ${config.seed})`,
    source: { kind: 'generated', seed: config.seed, config: recordedConfig(config), ...(labelNoise ? { labelNoise } : {}) },
    labelNames: [...DEFAULT_LABEL_NAMES],
    splits: Object.fromEntries(SPLITS.map((split) => [split, splitStats(examples[split])])),
    createdAt: GENERATED_CREATED_AT,
  };
  return { config, examples, info };
}
