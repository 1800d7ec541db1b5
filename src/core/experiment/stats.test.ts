import { describe, expect, it } from 'vitest';
import { meanInterval, seedStat } from './stats';

describe('statistics over seeds', () => {
  it('gives the mean with its 95% t-interval', () => {
    // mean 2, sample std 1, t(0.975, 2) = 4.303: 2 -/+ 4.303 / sqrt(3).
    const interval = meanInterval([1, 2, 3])!;
    expect(interval.mean).toBe(2);
    expect(interval.low).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 10);
    expect(interval.high).toBeCloseTo(2 + 4.303 / Math.sqrt(3), 10);
    expect(interval.n).toBe(3);
    expect(meanInterval([0.5])).toBeNull();
    // Many values: the normal quantile.
    const many = meanInterval(Array.from({ length: 40 }, (_, i) => i % 2));
    expect(many!.high - many!.mean).toBeCloseTo((1.96 * seedStat(Array.from({ length: 40 }, (_, i) => i % 2)).std!) / Math.sqrt(40), 10);
  });
});
