// AUC of relevant (grade >= 1) against irrelevant (grade 0), scored by P(relevant) = 1 - p0.
// 1 - p0 is the model's own probability of the binary question asked; the expected grade
// would also reward telling weak from strong, which this AUC is not about (docs/METRICS.md).
import type { Grade } from '../data/schema';
import { requireSameLength } from './errors';
import { relevantProbability, type GradeProbabilities } from './probabilities';
import { rocAuc } from './roc';

/** Null when the split lacks relevant or irrelevant examples: the AUC is undefined then. */
export function relevanceAuc(labels: ArrayLike<Grade>, probs: ArrayLike<GradeProbabilities>): number | null {
  requireSameLength(labels, probs, 'relevance AUC', 'labels', 'probability rows');
  const scores = new Float64Array(labels.length);
  const relevant = new Array<boolean>(labels.length);
  for (let i = 0; i < labels.length; i++) {
    scores[i] = relevantProbability(probs[i]);
    relevant[i] = labels[i] >= 1;
  }
  return rocAuc(scores, relevant, 'relevance AUC');
}
