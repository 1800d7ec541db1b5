// The darl-no-dasa ablation: the same budget, drawn uniformly from the pool with a seeded Rng.
// With detector scores given, the records carry the same scores and thresholds as a DASA run, so a
// report can show how OOD the random picks are.
import { createRng } from '../random';
import { resolveBudget } from './budget';
import { DasaInputError } from './errors';
import { finishSelection, poolRecords } from './pool-records';
import { checkPoolIds } from './scoring';
import type { BudgetOptions, ScoredPoolInput, ScoringOptions, SelectionResult } from './types';

export interface RandomSelectionInput {
  poolIds: readonly string[];
  scores?: ScoredPoolInput['scores'];
  tags?: ScoredPoolInput['tags'];
}

export interface RandomSelectionOptions extends BudgetOptions, ScoringOptions {
  seed: number | string;
}

export function requireSeed(seed: number | string | undefined | null, what: string): void {
  if (seed === undefined || seed === null) throw new DasaInputError(`${what} needs a seed so the selection can be repeated.`, {});
}

export function selectRandom(input: RandomSelectionInput, options: RandomSelectionOptions): SelectionResult {
  requireSeed(options.seed, 'Random selection');
  const budget = resolveBudget(options);
  checkPoolIds(input.poolIds);
  const order = createRng(`random-selection:${options.seed}`).shuffle(input.poolIds.map((_, index) => index));
  return finishSelection('random', poolRecords(input, options), order.slice(0, budget), budget, input.tags, { seed: options.seed });
}
