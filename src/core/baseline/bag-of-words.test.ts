import { describe, expect, it } from 'vitest';
import { generateDataset } from '../data/generator/generate';
import { BaselineInputError, measureShift, trainBagOfWords } from './bag-of-words';

describe('bag-of-words baseline on the default generated data', () => {
  const data = generateDataset({ seed: 1 });
  const report = measureShift(data.examples.train, data.examples.test_id, data.examples.test_ood);

  it('does clearly better than chance in distribution', () => {
    // Chance macro-F1 for three balanced classes is about 0.33.
    expect(report.id.macroF1).toBeGreaterThan(0.55);
    expect(report.id.accuracy).toBeGreaterThan(0.55);
  });

  it('loses at least 10 macro-F1 points on the OOD test: the shift is real', () => {
    expect(report.macroF1Gap).toBeGreaterThanOrEqual(0.1);
    expect(report.macroF1Gap).toBeCloseTo(report.id.macroF1 - report.ood.macroF1, 12);
  });

  it('cannot tell weak from strong as well as irrelevant from the rest (numbers and negations defeat it)', () => {
    const [irrelevant, weak] = report.id.perClass;
    expect(weak.f1).toBeLessThan(irrelevant.f1);
  });

  it('refuses examples without grades', () => {
    expect(() => trainBagOfWords([{ ...data.examples.train[0], grade: null }])).toThrow(BaselineInputError);
  });
});
