import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { DasaInputError } from './errors';
import { scorePool } from './scoring';

const rng = createRng(21);
const normals = (n: number, shift = 0) => Float64Array.from({ length: n }, () => rng.normal() + shift);

describe('DASA scoring', () => {
  const val = { a: normals(1000), b: normals(1000).map((x) => 10 * x) };
  const poolIds = Array.from({ length: 200 }, (_, i) => `p${i}`);
  const pool = { a: normals(200, 1), b: normals(200, 1).map((x) => 10 * x) };
  const input = { poolIds, scores: { a: { val: val.a, pool: pool.a }, b: { val: val.b, pool: pool.b } } };

  it.each([0.95, 0.8, 0.5])('sets each threshold so that a fraction %s of ID val is kept', (quantile) => {
    const { thresholds } = scorePool(input, { quantile });
    for (const name of ['a', 'b'] as const) {
      const kept = val[name].filter((score) => score <= thresholds.perDetector[name]).length / val[name].length;
      expect(Math.abs(kept - quantile)).toBeLessThanOrEqual(1 / 1000 + 1e-12);
      expect(thresholds.idValKept[name]).toBe(kept);
    }
    // Combined val scores can tie (sums of ranks), so a few tied values may sit at the threshold.
    expect(Math.abs(thresholds.idValKept.combined - quantile)).toBeLessThanOrEqual(0.01);
  });

  it('combines ranks, not raw scores: a detector on a larger scale does not dominate', () => {
    const ids = ['x', 'y'];
    const scored = scorePool({
      poolIds: ids,
      scores: { small: { val: [0, 1, 2], pool: [3, 0.5] }, large: { val: [0, 100, 200], pool: [150, 1000] } },
    });
    // Over val + pool (5 values per detector) x has ranks 1 and 0.5, y has 0.25 and 1;
    // a mean of raw scores would put y (500.25) far above x (76.5).
    expect(scored.records[0].combined).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(scored.records[1].combined).toBeCloseTo((0.25 + 1) / 2, 12);
    expect(scored.records.map((r) => r.rank)).toEqual([1, 2]);
  });

  it('ranks a sample that is higher on every detector above one that is lower', () => {
    const { records } = scorePool(input);
    for (let i = 0; i < 50; i++) {
      const [x, y] = [rng.int(200), rng.int(200)];
      if (pool.a[x] > pool.a[y] && pool.b[x] > pool.b[y]) expect(records[x].combined).toBeGreaterThan(records[y].combined);
    }
  });

  it('follows the weights: weight 0 removes a detector from the combined score', () => {
    const onlyA = scorePool(input, { weights: { b: 0 } });
    const single = scorePool({ poolIds, scores: { a: input.scores.a } });
    onlyA.records.forEach((record, i) => expect(record.combined).toBeCloseTo(single.records[i].combined, 12));
    expect(() => scorePool(input, { weights: { c: 1 } })).toThrow(/detector "c", which has no scores/);
    expect(() => scorePool(input, { weights: { a: 0, b: 0 } })).toThrow(DasaInputError);
  });

  it('picks candidates by the combined score, any detector or all detectors', () => {
    const any = scorePool(input, { candidates: 'any' });
    const all = scorePool(input, { candidates: 'all' });
    const combined = scorePool(input, { candidates: 'combined' });
    any.records.forEach((record, i) => {
      const flags = Object.values(record.aboveDetectorThreshold);
      expect(record.aboveThreshold).toBe(flags.some(Boolean));
      expect(all.records[i].aboveThreshold).toBe(flags.every(Boolean));
      expect(combined.records[i].aboveThreshold).toBe(record.combined > combined.thresholds.combined);
      expect(record.aboveDetectorThreshold.a).toBe(pool.a[i] > any.thresholds.perDetector.a);
    });
    const count = (scored: typeof any) => scored.records.filter((record) => record.aboveThreshold).length;
    expect(count(all)).toBeLessThanOrEqual(count(combined));
    expect(count(combined)).toBeLessThanOrEqual(count(any));
    expect(count(all)).toBeGreaterThan(0);
  });

  it('names malformed inputs', () => {
    expect(() => scorePool(input, { quantile: 1 })).toThrow(/quantile 1/);
    expect(() => scorePool({ poolIds, scores: {} })).toThrow(/no detector scores/);
    expect(() => scorePool({ poolIds: poolIds.slice(1), scores: input.scores })).toThrow(/200 pool scores for 199 pool ids/);
    expect(() => scorePool({ poolIds: ['p', 'p'], scores: { a: { val: [1], pool: [1, 2] } } })).toThrow(/"p" appears twice/);
    expect(() => scorePool({ poolIds: ['p'], scores: { a: { val: [1, NaN], pool: [1] } } })).toThrow(/val score 1 is NaN/);
    expect(() => scorePool({ poolIds: ['p'], scores: { a: { val: [], pool: [1] } } })).toThrow(/no ID-validation scores/);
    expect(() => scorePool(input, { candidates: 'most' as never })).toThrow(/"most"/);
  });
});
