// Proper scoring rules of a predicted distribution over the grades, averaged over rows:
//   NLL   = mean_i -ln max(p_i[y_i], NLL_EPSILON): the probability of the gold grade is clipped
//           from below at NLL_EPSILON, so one confidently wrong row adds at most -ln(1e-12) = 27.6
//           instead of infinity (as sklearn.metrics.log_loss clips at its eps).
//   Brier = mean_i sum_k (p_i[k] - [k = y_i])^2: the multi-class Brier score (Brier 1950), in [0, 2].
// Lower is better for both. Probabilities are used as given (no renormalising).
import type { Grade } from '../data/schema';
import { requireNonEmpty, requireSameLength } from './errors';
import { NUM_GRADES, type GradeProbabilities } from './probabilities';

export const NLL_EPSILON = 1e-12;

export function negativeLogLikelihood(labels: ArrayLike<Grade>, probs: ArrayLike<GradeProbabilities>): number {
  requireSameLength(labels, probs, 'NLL', 'labels', 'probability rows');
  requireNonEmpty(labels.length, 'NLL');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum -= Math.log(Math.max(probs[i][labels[i]], NLL_EPSILON));
  return sum / labels.length;
}

export function brierScore(labels: ArrayLike<Grade>, probs: ArrayLike<GradeProbabilities>): number {
  requireSameLength(labels, probs, 'Brier score', 'labels', 'probability rows');
  requireNonEmpty(labels.length, 'Brier score');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let k = 0; k < NUM_GRADES; k++) sum += (probs[i][k] - (k === labels[i] ? 1 : 0)) ** 2;
  }
  return sum / labels.length;
}
