// The "random among OOD-tagged pool samples" baseline: uniformly at random among the pool samples
// with a shift tag. It reads the generator's tags, which no real pool has, so it is an upper bound
// on what an OOD detector could find, not a method.
import { createRng } from '../random';
import { resolveBudget } from './budget';
import { DasaInputError } from './errors';
import { finishSelection, poolRecords } from './pool-records';
import { requireSeed, type RandomSelectionOptions } from './random-select';
import { checkPoolIds } from './scoring';
import type { ScoredPoolInput, SelectionResult } from './types';

export interface RandomOodInput {
  poolIds: readonly string[];
  /** Shift tags per pool id; a sample with any tag is OOD-tagged. */
  tags: ReadonlyMap<string, readonly string[]>;
  scores?: ScoredPoolInput['scores'];
}

export function selectRandomOod(input: RandomOodInput, options: RandomSelectionOptions): SelectionResult {
  requireSeed(options.seed, 'Random selection among OOD-tagged samples');
  if (!input.tags) throw new DasaInputError('Random selection among OOD-tagged samples reads the pool\'s shift tags, and none were given.', {});
  const budget = resolveBudget(options);
  checkPoolIds(input.poolIds);
  const tagged = input.poolIds.map((_, index) => index).filter((index) => (input.tags.get(input.poolIds[index])?.length ?? 0) > 0);
  const order = createRng(`random-ood-selection:${options.seed}`).shuffle(tagged);
  return finishSelection('random-ood', poolRecords(input, options), order.slice(0, budget), budget, input.tags, { seed: options.seed });
}
