// The core-set baseline (greedy k-center, Sener & Savarese 2018): the ID train features count as
// centres already covered; each step takes the pool sample farthest (Euclidean) from every centre
// so far and makes it a centre. Deterministic: ties go to the lower pool index.
import { validateMatrix, type Matrix } from '../ood/matrix';
import { resolveBudget } from './budget';
import { DasaInputError } from './errors';
import { finishSelection, poolRecords } from './pool-records';
import { checkPoolIds } from './scoring';
import type { BudgetOptions, ScoredPoolInput, ScoringOptions, SelectionResult } from './types';

export interface CoresetInput {
  poolIds: readonly string[];
  poolFeatures: Matrix;
  /** Features of the labelled rows (ID train), the centres already covered. */
  coveredFeatures: Matrix;
  scores?: ScoredPoolInput['scores'];
  tags?: ScoredPoolInput['tags'];
}

function squaredDistance(a: Matrix, row: number, b: Matrix, other: number): number {
  const d = a.cols;
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = a.data[row * d + j] - b.data[other * d + j];
    sum += diff * diff;
  }
  return sum;
}

/** Pool indices in the order greedy k-center takes them, and each one's distance to its nearest centre when taken. */
export function kCenterGreedy(pool: Matrix, covered: Matrix, budget: number): { chosen: number[]; distances: number[] } {
  const nearest = new Float64Array(pool.rows).fill(Infinity);
  for (let i = 0; i < pool.rows; i++) {
    for (let c = 0; c < covered.rows; c++) nearest[i] = Math.min(nearest[i], squaredDistance(pool, i, covered, c));
  }
  const taken = new Uint8Array(pool.rows);
  const chosen: number[] = [];
  const distances: number[] = [];
  while (chosen.length < Math.min(budget, pool.rows)) {
    let best = -1;
    for (let i = 0; i < pool.rows; i++) if (!taken[i] && (best < 0 || nearest[i] > nearest[best])) best = i;
    taken[best] = 1;
    chosen.push(best);
    distances.push(Math.sqrt(nearest[best]));
    for (let i = 0; i < pool.rows; i++) if (!taken[i]) nearest[i] = Math.min(nearest[i], squaredDistance(pool, i, pool, best));
  }
  return { chosen, distances };
}

export function selectCoreset(input: CoresetInput, options: BudgetOptions & ScoringOptions = {}): SelectionResult {
  const budget = resolveBudget(options);
  checkPoolIds(input.poolIds);
  validateMatrix(input.poolFeatures, 'pool features');
  if (input.poolFeatures.rows !== input.poolIds.length) {
    throw new DasaInputError(`Core-set selection: ${input.poolFeatures.rows} pool feature rows for ${input.poolIds.length} pool ids.`, { rows: input.poolFeatures.rows, ids: input.poolIds.length });
  }
  if (input.coveredFeatures.rows > 0) {
    validateMatrix(input.coveredFeatures, 'covered features');
    if (input.coveredFeatures.cols !== input.poolFeatures.cols) {
      throw new DasaInputError(`Core-set selection: covered features have ${input.coveredFeatures.cols} columns, pool features ${input.poolFeatures.cols}.`, {});
    }
  }
  const { chosen } = kCenterGreedy(input.poolFeatures, input.coveredFeatures, budget);
  return finishSelection('coreset', poolRecords(input, options), chosen, budget, input.tags, {});
}
