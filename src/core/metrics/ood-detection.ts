// OOD detection metrics as OpenOOD reports them. Sign convention: a HIGHER score means MORE OOD.
// OOD samples are the positive class, ID samples the negative class; a sample is flagged OOD
// when its score >= threshold, and tied scores are flagged together (one ROC point per distinct
// score, as sklearn.metrics.roc_curve builds it).
//   auroc:    area under that ROC curve (Mann-Whitney, ties count one half).
//   fpr95:    OOD as the positive class: FPR = share of ID flagged as OOD, at the highest
//             threshold whose TPR (share of OOD flagged) is >= 0.95, i.e. fpr[argmax(tpr >= 0.95)]
//             of OpenOOD's auc_and_fpr_recall.
//   fpr_at_95_tpr_id: ID as the positive class (the other common reading, as in the ODIN and
//             Mahalanobis papers): FPR = share of OOD accepted as ID, at the first threshold where
//             95% of ID is accepted (the score negated, ties again counted together).
//   aupr_out: area under the precision-recall curve with OOD positive; aupr_in: with ID positive
//             and the score negated. Trapezoid over recall from (recall 0, precision 1), as
//             sklearn.metrics.auc(recall, precision) on precision_recall_curve.
import { EmptyMetricInputError, MetricInputError, requireOrderedScores } from './errors';
import { aucFromCurve, rocCurve, type RocCurve } from './roc';

export const DEFAULT_TPR_LEVEL = 0.95;

export interface OodDetectionReport {
  auroc: number;
  /** OOD positive: share of ID flagged at 95% of OOD flagged. */
  fpr95: number;
  /** ID positive: share of OOD accepted as ID at 95% of ID accepted. */
  fpr_at_95_tpr_id: number;
  aupr_in: number;
  aupr_out: number;
  n_id: number;
  n_ood: number;
}

/** FPR at the first ROC point (threshold descending) whose TPR reaches the level. */
export function fprAtTpr(curve: RocCurve, level = DEFAULT_TPR_LEVEL): number {
  if (!(level > 0 && level <= 1)) throw new MetricInputError(`TPR level must be in (0, 1], got ${level}`, { level });
  for (let i = 0; i < curve.thresholds.length; i++) {
    if (curve.truePositives[i] / curve.positives >= level) return curve.falsePositives[i] / curve.negatives;
  }
  // Unreachable with positives present: the last point has TPR 1.
  return 1;
}

export function auprFromCurve(curve: RocCurve): number {
  let area = 0;
  let previousRecall = 0;
  let previousPrecision = 1;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const tp = curve.truePositives[i];
    const flagged = tp + curve.falsePositives[i];
    const precision = tp / flagged;
    const recall = tp / curve.positives;
    area += ((recall - previousRecall) * (precision + previousPrecision)) / 2;
    previousRecall = recall;
    previousPrecision = precision;
  }
  return area;
}

export function oodDetectionMetrics(idScores: ArrayLike<number>, oodScores: ArrayLike<number>, tprLevel = DEFAULT_TPR_LEVEL): OodDetectionReport {
  if (idScores.length === 0) throw new EmptyMetricInputError('OOD detection: no ID scores; both populations are needed', { what: 'id scores' });
  if (oodScores.length === 0) throw new EmptyMetricInputError('OOD detection: no OOD scores; both populations are needed', { what: 'ood scores' });
  requireOrderedScores(idScores, 'OOD detection (ID scores)');
  requireOrderedScores(oodScores, 'OOD detection (OOD scores)');
  const n = idScores.length + oodScores.length;
  const scores = new Float64Array(n);
  const negated = new Float64Array(n);
  const isOod = new Array<boolean>(n);
  const isId = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    const fromId = i < idScores.length;
    scores[i] = fromId ? idScores[i] : oodScores[i - idScores.length];
    negated[i] = -scores[i];
    isOod[i] = !fromId;
    isId[i] = fromId;
  }
  const outCurve = rocCurve(scores, isOod, 'OOD detection');
  const inCurve = rocCurve(negated, isId, 'OOD detection');
  return {
    auroc: aucFromCurve(outCurve)!,
    fpr95: fprAtTpr(outCurve, tprLevel),
    fpr_at_95_tpr_id: fprAtTpr(inCurve, tprLevel),
    aupr_in: auprFromCurve(inCurve),
    aupr_out: auprFromCurve(outCurve),
    n_id: idScores.length,
    n_ood: oodScores.length,
  };
}
