import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { createRng } from '../random';
import { EmptyMetricInputError } from './errors';
import { negativeLogLikelihood } from './proper-scores';
import { predictedGrade } from './probabilities';
import { fitTemperature, temperatureScaled, temperatureScaledRows, TEMPERATURE_RANGE } from './temperature-scaling';

const softmax = (z: number[]) => {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

/** Logits z; gold grades drawn from softmax(z / trueT); the model reports softmax(z). */
function synthetic(trueT: number, n: number, seed: string): { labels: Grade[]; probs: number[][] } {
  const rng = createRng(seed);
  const labels: Grade[] = [];
  const probs: number[][] = [];
  for (let i = 0; i < n; i++) {
    const z = [0, 1, 2].map(() => 3 * rng.normal());
    const truth = softmax(z.map((v) => v / trueT));
    const u = rng.next();
    labels.push((u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2) as Grade);
    probs.push(softmax(z));
  }
  return { labels, probs };
}

describe('temperature scaling', () => {
  it('recovers the temperature the labels were drawn with', () => {
    for (const trueT of [0.5, 1, 2.5]) {
      const { labels, probs } = synthetic(trueT, 8000, `temperature-${trueT}`);
      expect(fitTemperature(labels, probs)).toBeCloseTo(trueT, 1);
    }
  });

  it('fits the minimum of the NLL: nearby temperatures score worse', () => {
    const { labels, probs } = synthetic(1.7, 2000, 'minimum');
    const t = fitTemperature(labels, probs);
    const nll = (temperature: number) => negativeLogLikelihood(labels, temperatureScaledRows(probs, temperature));
    expect(nll(t)).toBeLessThan(nll(t * 1.05));
    expect(nll(t)).toBeLessThan(nll(t / 1.05));
    expect(nll(t)).toBeLessThanOrEqual(nll(1));
  });

  it('scales by hand: T = 1 keeps the row, T = 2 takes square roots, and the arg-max stays', () => {
    const row = [0.64, 0.32, 0.04];
    expect(temperatureScaled(row, 1).map((p) => +p.toFixed(12))).toEqual(row);
    // sqrt: 0.8, 0.565685, 0.2; sum 1.565685.
    const half = temperatureScaled(row, 2);
    expect(half[0]).toBeCloseTo(0.8 / 1.5656854, 6);
    expect(half[2]).toBeCloseTo(0.2 / 1.5656854, 6);
    expect(predictedGrade(half)).toBe(0);
    expect(temperatureScaled([0.5, 0.5, 0], 3)).toEqual([0.5, 0.5, 0]);
  });

  it('stays in its range when the data want an extreme temperature', () => {
    // Always right at confidence 0.9: sharper is always better, so T goes to the lower edge.
    const t = fitTemperature([0, 1], [[0.9, 0.05, 0.05], [0.05, 0.9, 0.05]]);
    expect(t).toBeGreaterThanOrEqual(TEMPERATURE_RANGE[0]);
    expect(t).toBeLessThan(TEMPERATURE_RANGE[0] * 1.001);
  });

  it('refuses no rows', () => {
    expect(() => fitTemperature([], [])).toThrow(EmptyMetricInputError);
  });
});
