import { describe, expect, it } from 'vitest';
import { learningRateAt, warmupCosine } from './schedule';

describe('warm-up then cosine', () => {
  const schedule = { peakLr: 1, warmupSteps: 4, totalSteps: 14, minLr: 0.1 };

  it('rises linearly to the peak over the warm-up steps', () => {
    expect([0, 1, 2, 3].map((s) => learningRateAt(s, schedule))).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('follows a half cosine from the peak to the floor', () => {
    expect(learningRateAt(4, schedule)).toBeCloseTo(1, 12);
    // Halfway through the 10 decay steps: 0.1 + 0.45 * (1 + cos(pi/2)) = 0.55.
    expect(learningRateAt(9, schedule)).toBeCloseTo(0.55, 12);
    expect(learningRateAt(14, schedule)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(100, schedule)).toBeCloseTo(0.1, 12);
  });

  it('never increases after the warm-up', () => {
    const rates = Array.from({ length: 30 }, (_, s) => learningRateAt(s, schedule)).slice(4);
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThanOrEqual(rates[i] + 1e-15));
  });

  it('has sensible defaults and no warm-up when asked', () => {
    expect(warmupCosine(0.5, 1000)).toEqual({ peakLr: 0.5, totalSteps: 1000, warmupSteps: 50, minLr: 0.05 });
    expect(learningRateAt(0, warmupCosine(1, 10, { warmupSteps: 0 }))).toBe(1);
  });

  it('rejects a bad step', () => {
    expect(() => learningRateAt(-1, schedule)).toThrow(/step/);
    expect(() => learningRateAt(1.5, schedule)).toThrow(/step/);
  });
});
