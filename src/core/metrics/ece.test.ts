import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { binIndex, calibration, ECE_BINS, expectedCalibrationError } from './ece';
import { EmptyMetricInputError, MetricInputError } from './errors';

describe('expected calibration error', () => {
  it('puts a confidence on an edge into the bin below it, and 0 into the first bin', () => {
    // Bins are (b/15, (b+1)/15]: 0.8 = 12/15 is the upper edge of bin 11; 0.6 = 9/15 of bin 8.
    expect(binIndex(0.8, 15)).toBe(11);
    expect(binIndex(0.6, 15)).toBe(8);
    expect(binIndex(1 / 15, 15)).toBe(0);
    expect(binIndex(0, 15)).toBe(0);
    expect(binIndex(1, 15)).toBe(14);
    expect(binIndex(0.5, 15)).toBe(7);
    for (let b = 1; b <= 15; b++) {
      expect(binIndex(b / 15, 15)).toBe(b - 1);
      expect(binIndex(b / 15 + 1e-12, 15)).toBe(Math.min(b, 14));
    }
  });

  it('matches the hand computation, edges included', () => {
    const probs = [
      [0.9, 0.05, 0.05], // conf 0.9, right, bin 13
      [0.1, 0.8, 0.1], // conf 0.8, wrong (label 2), bin 11 (upper edge)
      [0.5, 0.3, 0.2], // conf 0.5, right, bin 7
      [0.2, 0.2, 0.6], // conf 0.6, wrong (label 1), bin 8 (upper edge)
      [0.05, 0.05, 0.9], // conf 0.9, right, bin 13
    ];
    const labels: Grade[] = [0, 2, 0, 1, 2];
    // bin 13: 2/5 * |1 - 0.9| = 0.04; bin 11: 1/5 * |0 - 0.8| = 0.16; bin 7: 1/5 * |1 - 0.5| = 0.1; bin 8: 1/5 * 0.6 = 0.12.
    // ECE = 0.04 + 0.16 + 0.1 + 0.12 = 0.42.
    const report = calibration(labels, probs);
    expect(report.ece).toBeCloseTo(0.42, 12);
    expect(report.reliability).toHaveLength(ECE_BINS);
    expect(report.reliability[13]).toMatchObject({ count: 2, accuracy: 1 });
    expect(report.reliability[13].confidence).toBeCloseTo(0.9, 12);
    expect(report.reliability[11]).toMatchObject({ count: 1, accuracy: 0, confidence: 0.8 });
    expect(report.reliability[11].lower).toBeCloseTo(11 / 15, 15);
    expect(report.reliability[11].upper).toBeCloseTo(12 / 15, 15);
    expect(report.reliability[0]).toEqual({ lower: 0, upper: 1 / 15, count: 0, confidence: null, accuracy: null });
    expect(report.reliability.reduce((sum, bin) => sum + bin.count, 0)).toBe(5);
  });

  it('matches the standard (lo, hi] implementation on sixteen examples', () => {
    // Reference: numpy, bins linspace(0, 1, 16), mask (conf > lo) & (conf <= hi), sum mask.mean() * |acc - conf|: 0.3326875.
    const probs = [
      [0.307, 0.445, 0.248], [0.2, 0.046, 0.754], [0.003, 0.828, 0.169], [0.26, 0.469, 0.271],
      [0.233, 0.278, 0.489], [0.054, 0.767, 0.179], [0.267, 0.676, 0.057], [0.029, 0.595, 0.376],
      [0.688, 0.149, 0.163], [0.683, 0.304, 0.013], [0.151, 0.522, 0.327], [0.605, 0.004, 0.391],
      [0.068, 0.097, 0.835], [0.202, 0.546, 0.252], [0.834, 0.054, 0.112], [0.091, 0.44, 0.469],
    ];
    const labels: Grade[] = [1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 2, 1, 1, 1, 2];
    const report = calibration(labels, probs);
    expect(report.ece).toBeCloseTo(0.3326875, 12);
    // Non-empty bins by lower edge in the reference: 0.4:1, 0.4667:4, 0.5333:2, 0.6:1, 0.6667:3, 0.7333:2, 0.8:3.
    expect(report.reliability.map((bin) => bin.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 4, 2, 1, 3, 2, 3, 0, 0]);
  });

  it('is 0 for a perfectly calibrated one-hot predictor', () => {
    expect(expectedCalibrationError([0, 1, 2], [[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toBe(0);
  });

  it('refuses empty input, mismatched lengths and a bad bin count', () => {
    expect(() => calibration([], [])).toThrow(EmptyMetricInputError);
    expect(() => calibration([0], [])).toThrow(/1 labels but 0 probability rows/);
    expect(() => calibration([0], [[1, 0, 0]], 0)).toThrow(MetricInputError);
  });
});
