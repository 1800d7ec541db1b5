// The ROC curve of a binary scoring, one point per distinct score (tied scores move together),
// and the area under it. Shared by the relevance AUC and the OOD detection metrics.
import { requireOrderedScores, requireSameLength } from './errors';

export interface RocCurve {
  positives: number;
  negatives: number;
  /** Distinct scores, descending; point i flags every sample with score >= thresholds[i]. */
  thresholds: number[];
  /** Cumulative true positives at each threshold. */
  truePositives: number[];
  /** Cumulative false positives at each threshold. */
  falsePositives: number[];
}

export function rocCurve(scores: ArrayLike<number>, isPositive: ArrayLike<boolean>, what = 'ROC curve'): RocCurve {
  requireSameLength(scores, isPositive, what, 'scores', 'labels');
  requireOrderedScores(scores, what);
  // Each class's scores sorted natively (no comparator), then merged from the top: fast on 10^5 samples.
  let positives = 0;
  for (let i = 0; i < isPositive.length; i++) if (isPositive[i]) positives += 1;
  const positiveScores = new Float64Array(positives);
  const negativeScores = new Float64Array(scores.length - positives);
  for (let i = 0, p = 0, q = 0; i < scores.length; i++) {
    if (isPositive[i]) positiveScores[p++] = scores[i];
    else negativeScores[q++] = scores[i];
  }
  positiveScores.sort();
  negativeScores.sort();
  const curve: RocCurve = { positives, negatives: negativeScores.length, thresholds: [], truePositives: [], falsePositives: [] };
  let p = positiveScores.length - 1;
  let q = negativeScores.length - 1;
  while (p >= 0 || q >= 0) {
    const threshold = q < 0 || (p >= 0 && positiveScores[p] > negativeScores[q]) ? positiveScores[p] : negativeScores[q];
    // === groups -0 with 0, as the score comparison does.
    while (p >= 0 && positiveScores[p] === threshold) p -= 1;
    while (q >= 0 && negativeScores[q] === threshold) q -= 1;
    curve.thresholds.push(threshold + 0); // + 0 turns -0 into 0
    curve.truePositives.push(positiveScores.length - 1 - p);
    curve.falsePositives.push(negativeScores.length - 1 - q);
  }
  return curve;
}

/**
 * Area under the ROC curve by the trapezoid rule, which equals the Mann-Whitney statistic
 * P(score of a positive > score of a negative) + 0.5 P(tie). Null when a class is missing.
 * Counted in integers, divided once at the end.
 */
export function aucFromCurve(curve: RocCurve): number | null {
  if (curve.positives === 0 || curve.negatives === 0) return null;
  let pairs = 0;
  let previousTp = 0;
  let previousFp = 0;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const groupTp = curve.truePositives[i] - previousTp;
    const groupFp = curve.falsePositives[i] - previousFp;
    // In half-pairs: each negative of this group is outranked by every earlier positive (2 halves)
    // and ties with every positive of its own group (1 half).
    pairs += groupFp * (2 * previousTp + groupTp);
    previousTp = curve.truePositives[i];
    previousFp = curve.falsePositives[i];
  }
  return pairs / (2 * curve.positives * curve.negatives);
}

export function rocAuc(scores: ArrayLike<number>, isPositive: ArrayLike<boolean>, what = 'ROC AUC'): number | null {
  return aucFromCurve(rocCurve(scores, isPositive, what));
}
