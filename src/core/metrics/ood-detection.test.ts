import { describe, expect, it } from 'vitest';
import { EmptyMetricInputError, MetricInputError } from './errors';
import { fprAtTpr, oodDetectionMetrics } from './ood-detection';
import { rocCurve } from './roc';

// Reference values: OpenOOD's auc_and_fpr_recall (sklearn 1.2.1 roc_curve / precision_recall_curve / auc,
// OOD positive, conf = -score) run on the same scores.
describe('OOD detection metrics (higher score = more OOD; OOD positive)', () => {
  it('gives the ideal values when OOD scores are all above ID scores', () => {
    expect(oodDetectionMetrics([0.1, 0.2, 0.3], [0.5, 0.6])).toEqual({ auroc: 1, fpr95: 0, fpr_at_95_tpr_id: 0, aupr_in: 1, aupr_out: 1, n_id: 3, n_ood: 2 });
  });

  it('gives the worst values when the score is inverted', () => {
    const report = oodDetectionMetrics([0.5, 0.6], [0.1, 0.2, 0.3]);
    expect(report.auroc).toBe(0);
    // Every OOD sample is caught only at the lowest threshold, where every ID sample is flagged too.
    expect(report.fpr95).toBe(1);
    expect(report.fpr_at_95_tpr_id).toBe(1);
    // aupr_out: points (r 0, p 1) -> (0, 0) -> (0, 0) -> (1/3, 1/3) -> (2/3, 1/2) -> (1, 3/5):
    // (1/3)(1/3)/2 + (1/3)(1/3 + 1/2)/2 + (1/3)(1/2 + 3/5)/2 = 1/18 + 5/36 + 11/60 = 0.37777...
    expect(report.aupr_out).toBeCloseTo(0.37777777777777777, 12);
    expect(report.aupr_in).toBeCloseTo(0.225, 12);
  });

  it('flags tied scores together', () => {
    // ID [0.1, 0.4, 0.4, 0.7], OOD [0.4, 0.8, 0.9, 0.4].
    // AUROC: 0.8 and 0.9 beat all 4 ID (4 + 4); each 0.4 beats 0.1, ties two 0.4s, loses to 0.7: 1 + 0.5 + 0.5 = 2 (x2).
    // (4 + 4 + 2 + 2) / 16 = 0.75.
    // FPR@95: 95% of 4 OOD needs all 4 flagged: threshold 0.4 flags ID 0.4, 0.4, 0.7 -> 3/4 = 0.75.
    const report = oodDetectionMetrics([0.1, 0.4, 0.4, 0.7], [0.4, 0.8, 0.9, 0.4]);
    expect(report.auroc).toBeCloseTo(0.75, 12);
    expect(report.fpr95).toBeCloseTo(0.75, 12);
    // ID positive: all 4 ID accepted (score <= 0.7) accepts the two OOD at 0.4 -> 2/4.
    expect(report.fpr_at_95_tpr_id).toBeCloseTo(0.5, 12);
    expect(report.aupr_in).toBeCloseTo(0.8083333333333333, 12);
    expect(report.aupr_out).toBeCloseTo(0.8095238095238095, 12);
  });

  it('stops at TPR exactly 0.95, not above it', () => {
    // OOD 1..20: TPR 19/20 = 0.95 is first reached at threshold 2, which flags ID 5.5, 10.5, 30 -> 3/5 = 0.6.
    // (Asking TPR > 0.95 would go on to threshold 1 and give 4/5.)
    const ood = Array.from({ length: 20 }, (_, i) => i + 1);
    const report = oodDetectionMetrics([0.5, 1.5, 5.5, 10.5, 30], ood);
    expect(report.fpr95).toBeCloseTo(0.6, 12);
    expect(report.auroc).toBeCloseTo(0.64, 12);
    expect(report.aupr_in).toBeCloseTo(0.4710531135531135, 12);
    expect(report.aupr_out).toBeCloseTo(0.8027913410754304, 12);
  });

  it('with ID as the positive class, gives the share of OOD accepted when 95% of ID is', () => {
    // ID 1..20, OOD [0.5, 1.5, 5.5, 10.5, 30]. Accepting as ID every score <= 19 keeps 19/20 = 0.95 of
    // ID and accepts OOD 0.5, 1.5, 5.5, 10.5 -> 4/5. With OOD positive, flagging all 5 OOD
    // (threshold 0.5) flags all of ID -> FPR@95 = 1: the two conventions answer different questions.
    const id = Array.from({ length: 20 }, (_, i) => i + 1);
    const report = oodDetectionMetrics(id, [0.5, 1.5, 5.5, 10.5, 30]);
    expect(report.fpr_at_95_tpr_id).toBeCloseTo(0.8, 12);
    expect(report.fpr95).toBe(1);
  });

  it('keeps every ROC point, where OpenOOD (drop_intermediate=True) would skip one', () => {
    // OOD: 18 at 10, one at 5, one at 4; ID: one at 5, one at 4, eight at 0.
    // Points: 10 -> TPR 18/20; 5 -> TPR 19/20 = 0.95 with ID 1/10 flagged. FPR@95 = 0.1.
    // sklearn's roc_curve drops the point at 5 (steps (1, 1) in and out), so OpenOOD's formula gives 0.2.
    const ood = [...Array<number>(18).fill(10), 5, 4];
    const id = [5, 4, ...Array<number>(8).fill(0)];
    expect(oodDetectionMetrics(id, ood).fpr95).toBeCloseTo(0.1, 12);
  });

  it('matches the reference on a mixed case', () => {
    const report = oodDetectionMetrics([0.2, 0.35, 0.5, 0.5, 0.9, 0.1, 0.3], [0.5, 0.8, 0.35, 0.95, 0.6]);
    expect(report.auroc).toBeCloseTo(0.7857142857142857, 12);
    expect(report.fpr95).toBeCloseTo(0.5714285714285714, 12);
    expect(report.aupr_in).toBeCloseTo(0.8668831168831168, 12);
    expect(report.aupr_out).toBeCloseTo(0.7031746031746031, 12);
  });

  it('does not depend on the order of the samples', () => {
    const a = oodDetectionMetrics([0.2, 0.35, 0.5, 0.5, 0.9, 0.1, 0.3], [0.5, 0.8, 0.35, 0.95, 0.6]);
    const b = oodDetectionMetrics([0.3, 0.9, 0.5, 0.1, 0.5, 0.35, 0.2], [0.6, 0.95, 0.35, 0.5, 0.8]);
    expect(b).toEqual(a);
  });

  it('takes other TPR levels and refuses bad ones', () => {
    const curve = rocCurve([0.1, 0.2, 0.3, 0.4], [false, true, false, true]);
    // TPR 0.5 at threshold 0.4 (FPR 0); TPR 1 at threshold 0.2 (FPR 1/2).
    expect(fprAtTpr(curve, 0.5)).toBe(0);
    expect(fprAtTpr(curve, 0.9)).toBe(0.5);
    expect(() => fprAtTpr(curve, 0)).toThrow(MetricInputError);
    expect(() => fprAtTpr(curve, 1.5)).toThrow(MetricInputError);
  });

  it('needs both populations and numbers for scores', () => {
    expect(() => oodDetectionMetrics([], [0.1])).toThrow(EmptyMetricInputError);
    expect(() => oodDetectionMetrics([0.1], [])).toThrow(/no OOD scores/);
    expect(() => oodDetectionMetrics([0.1], [Number.NaN])).toThrow(/OOD scores\): score at position 0 is NaN/);
  });
});
