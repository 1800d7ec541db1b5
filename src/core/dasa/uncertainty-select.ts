// The uncertainty baseline: the pool samples whose predicted grade distribution has the highest
// entropy, taken in that order under DASA's diversity rule (no near-duplicates).
import { validateMatrix } from '../ood/matrix';
import { resolveBudget } from './budget';
import { greedyDiverse } from './diversity';
import { DasaInputError } from './errors';
import { finishSelection, poolRecords } from './pool-records';
import { checkPoolIds } from './scoring';
import { DEFAULT_MAX_COSINE } from './select';
import type { DasaInput, DasaOptions, SelectionResult } from './types';

/** Shannon entropy (nats) of a probability vector; 0 * log 0 counts as 0. */
export function predictiveEntropy(probs: ArrayLike<number>): number {
  let entropy = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) entropy -= probs[i] * Math.log(probs[i]);
  return entropy;
}

export interface UncertaintyInput extends Omit<DasaInput, 'scores'> {
  /** Predictive entropy of each pool sample, in poolIds order. */
  entropy: ArrayLike<number>;
  /** DASA's detector scores, recorded beside the picks (optional). */
  scores?: DasaInput['scores'];
}

export type UncertaintyOptions = Omit<DasaOptions, 'fillBelowThreshold'>;

export function selectUncertainty(input: UncertaintyInput, options: UncertaintyOptions = {}): SelectionResult {
  const budget = resolveBudget(options);
  const maxCosine = options.maxCosine ?? DEFAULT_MAX_COSINE;
  const center = options.centerFeatures ?? true;
  checkPoolIds(input.poolIds);
  validateMatrix(input.poolFeatures, 'pool features');
  if (input.entropy.length !== input.poolIds.length || input.poolFeatures.rows !== input.poolIds.length) {
    throw new DasaInputError(`Uncertainty selection: ${input.entropy.length} entropies and ${input.poolFeatures.rows} feature rows for ${input.poolIds.length} pool ids.`, {
      entropies: input.entropy.length,
      rows: input.poolFeatures.rows,
      ids: input.poolIds.length,
    });
  }
  for (let i = 0; i < input.entropy.length; i++) {
    if (!Number.isFinite(input.entropy[i])) throw new DasaInputError(`Uncertainty selection: the entropy of pool sample ${i} is ${input.entropy[i]}.`, { index: i });
  }
  const pool = poolRecords(input, options);
  const ranked = input.poolIds.map((_, index) => index).sort((a, b) => input.entropy[b] - input.entropy[a] || a - b);
  const { chosen, skipped } = greedyDiverse(input.poolFeatures, ranked, budget, maxCosine, center);
  for (const [index, duplicateOf] of skipped) pool.records[index].nearDuplicateOf = pool.records[duplicateOf].id;
  return finishSelection('uncertainty', pool, chosen, budget, input.tags, { maxCosine, centerFeatures: center });
}
