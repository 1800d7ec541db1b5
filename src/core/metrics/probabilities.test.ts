import { describe, expect, it } from 'vitest';
import { MetricInputError } from './errors';
import { checkGrade, checkProbabilities, expectedGradeScore, predictedGrade, relevantProbability, topConfidence } from './probabilities';

describe('grade probabilities', () => {
  it('reads the predicted grade, its confidence, the expected-grade score and P(relevant)', () => {
    const p = [0.2, 0.5, 0.3];
    expect(predictedGrade(p)).toBe(1);
    expect(topConfidence(p)).toBe(0.5);
    // (0*0.2 + 1*0.5 + 2*0.3) / 2 = 1.1 / 2 = 0.55
    expect(expectedGradeScore(p)).toBeCloseTo(0.55, 12);
    // 1 - 0.2 = 0.8
    expect(relevantProbability(p)).toBeCloseTo(0.8, 12);
    expect(expectedGradeScore([0, 0, 1])).toBe(1);
    expect(expectedGradeScore([1, 0, 0])).toBe(0);
  });

  it('breaks arg-max ties towards the lowest grade, as numpy.argmax does', () => {
    expect(predictedGrade([0.4, 0.4, 0.2])).toBe(0);
    expect(predictedGrade([0.2, 0.4, 0.4])).toBe(1);
    expect(predictedGrade([1 / 3, 1 / 3, 1 / 3])).toBe(0);
  });

  it('accepts float32 arrays and sums within the tolerance', () => {
    expect(() => checkProbabilities(new Float32Array([0.1, 0.2, 0.7]), 'x')).not.toThrow();
    expect(() => checkProbabilities([0.33, 0.33, 0.33], 'x')).not.toThrow();
    expect(() => checkProbabilities([0.33, 0.33, 0.32], 'x')).toThrow(/sum to 0.98/);
  });

  it('rejects malformed probabilities and labels, naming where', () => {
    expect(() => checkProbabilities([0.5, 0.5], 'example 3')).toThrow(/example 3: probabilities must be \[p0, p1, p2\], got 2 values/);
    expect(() => checkProbabilities([0.5, Number.NaN, 0.5], 'example 3')).toThrow(/grade 1 is NaN/);
    expect(() => checkProbabilities([-0.1, 0.6, 0.5], 'e')).toThrow(MetricInputError);
    expect(() => checkProbabilities([0.5, 0.5, 0.5], 'e')).toThrow(/sum to 1.5/);
    expect(() => checkGrade(3, 'example a')).toThrow(/example a: label is 3/);
    expect(() => checkGrade(1.5, 'e')).toThrow(MetricInputError);
    expect(() => checkGrade(2, 'e')).not.toThrow();
  });
});
