import { describe, expect, it } from 'vitest';
import { normalizedRanks, quantile } from './ranks';

describe('quantile and normalised ranks', () => {
  it('interpolates between order statistics as numpy does by default', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile(Float64Array.from({ length: 101 }, (_, i) => 100 - i), 0.9)).toBe(90);
  });

  it('maps values to [0, 1] ranks, ties sharing their average rank', () => {
    expect(Array.from(normalizedRanks([10, 30, 20]))).toEqual([0, 1, 0.5]);
    expect(Array.from(normalizedRanks([5, 1, 5, 9, 1]))).toEqual([0.625, 0.125, 0.625, 1, 0.125]);
    expect(Array.from(normalizedRanks([3]))).toEqual([0.5]);
  });
});
