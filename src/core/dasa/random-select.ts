// The darl-no-dasa ablation: the same budget, drawn uniformly from the pool with a seeded Rng.
// With detector scores given, the records carry the same scores and thresholds as a DASA run, so a
// report can show how OOD the random picks are.
import { createRng } from '../random';
import { resolveBudget } from './budget';
import { DasaInputError } from './errors';
import { checkPoolIds, scorePool } from './scoring';
import { markSelected, selectionStats } from './stats';
import type { BudgetOptions, SampleRecord, ScoredPoolInput, ScoringOptions, SelectionResult } from './types';

export interface RandomSelectionInput {
  poolIds: readonly string[];
  scores?: ScoredPoolInput['scores'];
  tags?: ScoredPoolInput['tags'];
}

export interface RandomSelectionOptions extends BudgetOptions, ScoringOptions {
  seed: number | string;
}

function unscoredRecords(poolIds: readonly string[]): SampleRecord[] {
  return poolIds.map((id) => ({
    id,
    scores: {},
    combined: NaN,
    rank: NaN,
    aboveThreshold: false,
    aboveDetectorThreshold: {},
    selected: false,
    selectionOrder: null,
    nearDuplicateOf: null,
  }));
}

export function selectRandom(input: RandomSelectionInput, options: RandomSelectionOptions): SelectionResult {
  if (options.seed === undefined || options.seed === null) {
    throw new DasaInputError('Random selection needs a seed so the ablation can be repeated.', {});
  }
  const budget = resolveBudget(options);
  checkPoolIds(input.poolIds);
  const scored = input.scores && Object.keys(input.scores).length > 0 ? scorePool({ ...input, scores: input.scores }, options) : null;
  const records = scored ? scored.records : unscoredRecords(input.poolIds);
  const rng = createRng(`random-selection:${options.seed}`);
  const order = rng.shuffle(input.poolIds.map((_, index) => index));
  const selected = markSelected(records, order.slice(0, budget));
  return {
    method: 'random',
    selected,
    perSample: records,
    thresholds: scored ? scored.thresholds : null,
    stats: selectionStats(records, budget, input.tags),
    settings: { ...(scored?.settings ?? {}), budget, seed: options.seed },
  };
}
