import { describe, expect, it } from 'vitest';
import { accuracy, classificationReport, classScores, ClassificationInputError, confusionMatrix, macroF1 } from './classification';

describe('classification metrics', () => {
  // truth [0,0,1,1,1,2], predicted [0,1,1,1,0,1], worked by hand:
  // confusion rows (true) [1,1,0] [1,2,0] [0,1,0]
  // class 0: P 1/2, R 1/2, F1 1/2; class 1: P 2/4, R 2/3, F1 4/7; class 2: never predicted -> P 0, R 0, F1 0.
  const truth = [0, 0, 1, 1, 1, 2];
  const predicted = [0, 1, 1, 1, 0, 1];

  it('counts the confusion matrix with true labels as rows', () => {
    expect(confusionMatrix(truth, predicted)).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 1, 0],
    ]);
  });

  it('computes accuracy, per-class scores and macro-F1 as worked by hand', () => {
    const report = classificationReport(truth, predicted);
    expect(report.accuracy).toBeCloseTo(0.5, 12);
    expect(report.perClass[0]).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(report.perClass[1].precision).toBeCloseTo(0.5, 12);
    expect(report.perClass[1].recall).toBeCloseTo(2 / 3, 12);
    expect(report.perClass[1].f1).toBeCloseTo(4 / 7, 12);
    expect(report.perClass[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.macroF1).toBeCloseTo((0.5 + 4 / 7 + 0) / 3, 12);
    expect(macroF1(truth, predicted)).toBeCloseTo(report.macroF1, 12);
  });

  it('scores a class absent from truth and predictions as F1 0 and keeps it in the macro mean (sklearn labels=[0,1,2], zero_division=0)', () => {
    // class 0: P 1, R 1/2, F1 2/3; class 1: P 2/3, R 1, F1 4/5; class 2 absent: F1 0.
    const t = [0, 1, 0, 1];
    const p = [0, 1, 1, 1];
    const scores = classScores(confusionMatrix(t, p));
    expect(scores[2]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(macroF1(t, p)).toBeCloseTo((2 / 3 + 4 / 5 + 0) / 3, 12);
    expect(macroF1(t, p, 2)).toBeCloseTo((2 / 3 + 4 / 5) / 2, 12);
  });

  it('gives 1 for perfect predictions and 0 for no samples', () => {
    expect(macroF1([0, 1, 2, 2], [0, 1, 2, 2])).toBe(1);
    expect(accuracy([], [])).toBe(0);
    expect(classificationReport([], []).macroF1).toBe(0);
  });

  it('rejects mismatched lengths and labels out of range, naming the position', () => {
    expect(() => macroF1([0, 1], [0])).toThrow(ClassificationInputError);
    expect(() => macroF1([0, 3], [0, 1])).toThrow(/true label at position 1 is 3/);
    expect(() => macroF1([0, 1], [0, 1.5])).toThrow(/predicted label at position 1/);
  });
});
