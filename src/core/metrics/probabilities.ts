// Per-example readouts of a predicted distribution [p0, p1, p2] over the grades
// 0 irrelevant, 1 weak, 2 strong (METHOD.md, "Label convention").
import type { Grade } from '../data/schema';
import { MetricInputError } from './errors';

export type GradeProbabilities = ArrayLike<number>;

export const NUM_GRADES = 3;
/** How far the three probabilities may sum from 1 (rounded exports, float32 softmax). They are used as given. */
export const PROBABILITY_SUM_TOLERANCE = 0.01;

/** Where an example sits, for error messages; a function so it is only built when something is wrong. */
export type Where = string | (() => string);
const place = (where: Where) => (typeof where === 'string' ? where : where());

export function checkProbabilities(probs: GradeProbabilities, at: Where): void {
  if (probs == null || probs.length !== NUM_GRADES) {
    const where = place(at);
    throw new MetricInputError(`${where}: probabilities must be [p0, p1, p2], got ${probs == null ? probs : `${probs.length} values`}`, { where });
  }
  let sum = 0;
  for (let k = 0; k < NUM_GRADES; k++) {
    const p = probs[k];
    if (!Number.isFinite(p) || p < 0 || p > 1) {
      const where = place(at);
      throw new MetricInputError(`${where}: probability of grade ${k} is ${p}; each must be a number in [0, 1]`, { where, grade: k, value: p });
    }
    sum += p;
  }
  // The 1e-9 keeps a sum exactly on the tolerance (0.33 * 3) inside despite float rounding.
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE + 1e-9) {
    const where = place(at);
    throw new MetricInputError(`${where}: probabilities sum to ${sum}, not 1 (tolerance ${PROBABILITY_SUM_TOLERANCE})`, { where, sum });
  }
}

export function checkGrade(label: unknown, at: Where): asserts label is Grade {
  if (label !== 0 && label !== 1 && label !== 2) {
    const where = place(at);
    throw new MetricInputError(`${where}: label is ${String(label)}; grades are 0 (irrelevant), 1 (weak) or 2 (strong)`, { where, label });
  }
}

/** Arg-max grade; a tie goes to the lowest grade (numpy.argmax takes the first maximum). */
export function predictedGrade(probs: GradeProbabilities): Grade {
  let best = 0;
  for (let k = 1; k < NUM_GRADES; k++) if (probs[k] > probs[best]) best = k;
  return best as Grade;
}

/** Confidence of the predicted (top) grade: max_k p_k. */
export function topConfidence(probs: GradeProbabilities): number {
  return Math.max(probs[0], probs[1], probs[2]);
}

/** The ranking score: expected grade scaled to [0, 1], (0*p0 + 1*p1 + 2*p2) / 2. */
export function expectedGradeScore(probs: GradeProbabilities): number {
  return (probs[1] + 2 * probs[2]) / 2;
}

/** Probability that the item is relevant at all (grade >= 1): 1 - p0. */
export function relevantProbability(probs: GradeProbabilities): number {
  return 1 - probs[0];
}
