import { describe, expect, it } from 'vitest';
import { MetricInputError } from './errors';
import { aucFromCurve, rocAuc, rocCurve } from './roc';

describe('ROC curve and AUC', () => {
  it('makes one point per distinct score, tied scores together', () => {
    const curve = rocCurve([0.1, 0.6, 0.6, 0.9, 0.3, 0.6], [false, false, true, true, true, false]);
    expect(curve.thresholds).toEqual([0.9, 0.6, 0.3, 0.1]);
    expect(curve.truePositives).toEqual([1, 2, 3, 3]);
    expect(curve.falsePositives).toEqual([0, 2, 2, 3]);
    expect(curve.positives).toBe(3);
    expect(curve.negatives).toBe(3);
  });

  it('counts ties as one half (Mann-Whitney), matching sklearn roc_auc_score', () => {
    // Positives 0.6, 0.9, 0.3; negatives 0.1, 0.6, 0.6. Pairs: 0.6 -> 1 + 0.5 + 0.5 = 2; 0.9 -> 3; 0.3 -> 1.
    // AUC = 6 / 9 = 2/3; sklearn 1.2.1 roc_auc_score gives 0.6666666666666667.
    expect(rocAuc([0.1, 0.6, 0.6, 0.9, 0.3, 0.6], [false, false, true, true, true, false])).toBeCloseTo(2 / 3, 12);
  });

  it('is 1 when separated, 0 when inverted, 0.5 when every score ties', () => {
    expect(rocAuc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.9], [true, true, false])).toBe(0);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
  });

  it('sorts infinite scores and is undefined (null) when a class is missing', () => {
    expect(rocAuc([Number.POSITIVE_INFINITY, 0, Number.NEGATIVE_INFINITY], [true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
    expect(rocAuc([0.1, 0.2], [false, false])).toBeNull();
    expect(aucFromCurve(rocCurve([], []))).toBeNull();
  });

  it('treats -0 and 0 as one score, like the comparison does', () => {
    const curve = rocCurve([0, -0, 1], [true, false, false]);
    expect(curve.thresholds).toEqual([1, 0]);
    expect(curve.truePositives).toEqual([0, 1]);
    expect(curve.falsePositives).toEqual([1, 2]);
    expect(aucFromCurve(curve)).toBe(0.25);
  });

  it('refuses NaN scores and mismatched lengths', () => {
    expect(() => rocAuc([0.1, Number.NaN], [true, false])).toThrow(/score at position 1 is NaN/);
    expect(() => rocAuc([0.1], [true, false])).toThrow(MetricInputError);
  });
});
