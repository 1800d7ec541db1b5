import { describe, expect, it } from 'vitest';
import { countAbove, histogram, niceStep, scoreRange, snapToStep, stepDecimals } from './histogram-math';

describe('histogram math', () => {
  it('finds the shared finite range and widens a single value', () => {
    expect(scoreRange([1, 4, Infinity], [2, -1, NaN])).toEqual({ min: -1, max: 4 });
    expect(scoreRange([3, 3])).toEqual({ min: 2.5, max: 3.5 });
    expect(scoreRange([], [NaN])).toBeNull();
  });

  it('bins into equal widths with the last bin closed', () => {
    // Range 0..4 in 4 bins: [0,1) [1,2) [2,3) [3,4]; 4 falls in the last bin, 5 and NaN are left out.
    const bins = histogram([0, 0.5, 1, 2.99, 3, 4, 5, NaN], { min: 0, max: 4 }, 4);
    expect(bins.map((bin) => bin.count)).toEqual([2, 1, 1, 2]);
    expect(bins[3]).toEqual({ lower: 3, upper: 4, count: 2 });
  });

  it('counts scores strictly above the threshold', () => {
    expect(countAbove([1, 2, 2, 3, Infinity, NaN], 2)).toBe(2);
    expect(countAbove(new Float32Array([0.5, 1.5]), 0)).toBe(2);
  });

  it('picks readable keyboard steps and snaps without float residue', () => {
    expect(niceStep(0.037)).toBe(0.02);
    expect(niceStep(0.12)).toBe(0.1);
    expect(niceStep(7)).toBe(5);
    expect(niceStep(0)).toBe(1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
    expect(snapToStep(2.5 + 0.1, 0.1)).toBe(2.6);
    expect(snapToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(snapToStep(1.234, 0.05)).toBe(1.25);
  });
});
