import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { macroF1 } from '../metrics/classification';
import { expectedCalibrationError } from '../metrics/ece';
import { predictedGrade } from '../metrics/probabilities';
import { brierScore, negativeLogLikelihood } from '../metrics/proper-scores';
import { createRng } from '../random';
import { bootstrapVariants, pairedInterval, percentile, type QueryRow } from './bootstrap';

/** Rows of `queries` queries with `perQuery` rows each, noisy probabilities from a seeded stream. */
function noisyRows(seed: string, queries: number, perQuery = 4): QueryRow[] {
  const rng = createRng(seed);
  const rows: QueryRow[] = [];
  for (let q = 0; q < queries; q++) {
    for (let i = 0; i < perQuery; i++) {
      const raw = [rng.next() + 0.05, rng.next() + 0.05, rng.next() + 0.05];
      const sum = raw[0] + raw[1] + raw[2];
      rows.push({ query: `q${q}`, label: rng.int(3) as Grade, probs: raw.map((p) => p / sum) });
    }
  }
  return rows;
}

const input = (variants: Record<string, Record<string, QueryRow[]>>) => ({ seeds: Object.keys(Object.values(variants)[0]), variants: Object.keys(variants), rows: variants });

describe('paired bootstrap over seeds and test queries', () => {
  it('gives the plain difference of the metrics averaged over seeds as the point estimate', () => {
    const a = { '1': noisyRows('a1', 30), '2': noisyRows('a2', 30) };
    const b = { '1': noisyRows('b1', 30), '2': noisyRows('b2', 30) };
    const draws = bootstrapVariants(input({ a, b }), 50, createRng(3));
    const mean = (rows: Record<string, QueryRow[]>, metric: (labels: Grade[], probs: number[][]) => number) =>
      (metric(rows['1'].map((r) => r.label), rows['1'].map((r) => [...Array.from(r.probs)])) + metric(rows['2'].map((r) => r.label), rows['2'].map((r) => [...Array.from(r.probs)]))) / 2;
    const f1 = (labels: Grade[], probs: number[][]) => macroF1(labels, probs.map(predictedGrade));
    expect(pairedInterval(draws, 'a', 'b', 'macro_f1').mean).toBeCloseTo(mean(a, f1) - mean(b, f1), 12);
    expect(pairedInterval(draws, 'a', 'b', 'ece').mean).toBeCloseTo(mean(a, expectedCalibrationError) - mean(b, expectedCalibrationError), 12);
    expect(pairedInterval(draws, 'a', 'b', 'nll').mean).toBeCloseTo(mean(a, negativeLogLikelihood) - mean(b, negativeLogLikelihood), 12);
    expect(pairedInterval(draws, 'a', 'b', 'brier').mean).toBeCloseTo(mean(a, brierScore) - mean(b, brierScore), 12);
    expect(draws).toMatchObject({ seeds: 2, queries: 30, replicates: 50 });
  });

  it('gives [0, 0] for identical variants', () => {
    const rows = { '1': noisyRows('x1', 20), '2': noisyRows('x2', 20), '3': noisyRows('x3', 20) };
    const draws = bootstrapVariants(input({ a: rows, b: rows }), 200, createRng(1));
    for (const metric of ['macro_f1', 'ece', 'nll', 'brier'] as const) expect(pairedInterval(draws, 'a', 'b', metric)).toEqual({ mean: 0, low: 0, high: 0 });
  });

  it('finds a constant shift with a tight interval around it', () => {
    // b's gold probability is a's times e^-0.5 on every row, so b's NLL is a's + 0.5 on any resample.
    const shift = 0.5;
    const a = { '1': noisyRows('s1', 25), '2': noisyRows('s2', 25) };
    const shifted = (rows: QueryRow[]) => rows.map((row) => ({ ...row, probs: Array.from(row.probs, (p, k) => (k === row.label ? p * Math.exp(-shift) : p)) }));
    const draws = bootstrapVariants(input({ a, b: { '1': shifted(a['1']), '2': shifted(a['2']) } }), 200, createRng(2));
    const interval = pairedInterval(draws, 'a', 'b', 'nll');
    expect(interval.mean).toBeCloseTo(-shift, 10);
    expect(interval.low).toBeCloseTo(-shift, 10);
    expect(interval.high).toBeCloseTo(-shift, 10);
  });

  it('resamples the rows of one query together', () => {
    // Per query, a gains 1 in NLL on one row and loses 1 on the other: every resample of whole
    // queries has a difference of exactly 0; resampling single rows would not.
    const a: QueryRow[] = [];
    const b: QueryRow[] = [];
    for (let q = 0; q < 40; q++) {
      const p = 0.2 + 0.6 * ((q * 7) % 10) / 10;
      const low = p * Math.exp(-1);
      a.push({ query: `q${q}`, label: 0, probs: [p, 1 - p, 0] }, { query: `q${q}`, label: 0, probs: [low, 1 - low, 0] });
      b.push({ query: `q${q}`, label: 0, probs: [low, 1 - low, 0] }, { query: `q${q}`, label: 0, probs: [p, 1 - p, 0] });
    }
    const draws = bootstrapVariants(input({ a: { '1': a }, b: { '1': b } }), 300, createRng(4));
    const interval = pairedInterval(draws, 'a', 'b', 'nll');
    expect(interval.low).toBeCloseTo(0, 12);
    expect(interval.high).toBeCloseTo(0, 12);
  });

  it('gives a wider interval with fewer queries', () => {
    const width = (queries: number) => {
      const draws = bootstrapVariants(
        input({ a: { '1': noisyRows('w-a1', queries), '2': noisyRows('w-a2', queries) }, b: { '1': noisyRows('w-b1', queries), '2': noisyRows('w-b2', queries) } }),
        500,
        createRng(5),
      );
      const interval = pairedInterval(draws, 'a', 'b', 'brier');
      expect(interval.low).toBeLessThanOrEqual(interval.mean);
      expect(interval.high).toBeGreaterThanOrEqual(interval.mean);
      return interval.high - interval.low;
    };
    expect(width(15)).toBeGreaterThan(1.5 * width(200));
  });

  it('leaves out a drawn seed none of whose rows were drawn, instead of averaging in nothing', () => {
    // Seed 2 scores one query only; a replicate drawing seed 2 but not that query averages seed 1 alone.
    const a = { '1': noisyRows('n1', 10), '2': noisyRows('n2', 1) };
    const b = { '1': noisyRows('m1', 10), '2': noisyRows('m2', 1) };
    const draws = bootstrapVariants(input({ a, b }), 300, createRng(6));
    // Only a replicate of seed 2 alone without its query has no rows at all (about 1 in 11 here).
    const finite = draws.values.a.brier.filter((value) => Number.isFinite(value)).length;
    expect(finite).toBeGreaterThan(0.8 * 300);
    expect(finite).toBeLessThan(300);
    const interval = pairedInterval(draws, 'a', 'b', 'brier');
    expect(Number.isFinite(interval.low) && Number.isFinite(interval.high)).toBe(true);
  });

  it('reproduces its draws from the same seed', () => {
    const rows = { a: { '1': noisyRows('r1', 10) }, b: { '1': noisyRows('r2', 10) } };
    expect(pairedInterval(bootstrapVariants(input(rows), 100, createRng(9)), 'a', 'b', 'ece')).toEqual(pairedInterval(bootstrapVariants(input(rows), 100, createRng(9)), 'a', 'b', 'ece'));
  });

  it('interpolates percentiles between order statistics', () => {
    expect(percentile([0, 10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile([0, 10, 20, 30, 40], 0.025)).toBeCloseTo(1, 12);
    expect(percentile([5], 0.975)).toBe(5);
  });
});
