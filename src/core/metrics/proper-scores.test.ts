import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { EmptyMetricInputError, MetricInputError } from './errors';
import { brierScore, negativeLogLikelihood, NLL_EPSILON } from './proper-scores';

const probs = [
  [0.7, 0.2, 0.1],
  [0.25, 0.25, 0.5],
  [0.1, 0.6, 0.3],
];
const labels: Grade[] = [0, 2, 2];

describe('NLL and Brier score', () => {
  it('NLL is the mean of -ln p(gold), as computed by hand', () => {
    // -(ln 0.7 + ln 0.5 + ln 0.3) / 3 = (0.356675 + 0.693147 + 1.203973) / 3 = 0.751265.
    expect(negativeLogLikelihood(labels, probs)).toBeCloseTo(0.7512650, 6);
    expect(negativeLogLikelihood([1], [[0, 1, 0]])).toBe(0);
  });

  it('NLL clips a zero gold probability at the epsilon instead of going to infinity', () => {
    expect(negativeLogLikelihood([2], [[0.5, 0.5, 0]])).toBeCloseTo(-Math.log(NLL_EPSILON), 9);
    expect(negativeLogLikelihood([2, 0], [[0.5, 0.5, 0], [1, 0, 0]])).toBeCloseTo(-Math.log(1e-12) / 2, 9);
  });

  it('Brier is the mean over rows of the squared distance to the one-hot gold', () => {
    // Row 1: 0.3^2 + 0.2^2 + 0.1^2 = 0.14; row 2: 0.25^2 + 0.25^2 + 0.5^2 = 0.375;
    // row 3: 0.1^2 + 0.6^2 + 0.7^2 = 0.86. Mean = 1.375 / 3.
    expect(brierScore(labels, probs)).toBeCloseTo(1.375 / 3, 12);
    expect(brierScore([0], [[1, 0, 0]])).toBe(0);
    expect(brierScore([0], [[0, 1, 0]])).toBe(2);
    expect(brierScore([1], [[1 / 3, 1 / 3, 1 / 3]])).toBeCloseTo(2 / 3, 12);
  });

  it('refuses empty or unpaired input', () => {
    expect(() => negativeLogLikelihood([], [])).toThrow(EmptyMetricInputError);
    expect(() => brierScore([0, 1], [[1, 0, 0]])).toThrow(MetricInputError);
  });
});
