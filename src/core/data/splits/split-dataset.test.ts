// Splits of imported data: by query, seeded, order-independent, with OOD rules and a pool.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPLITS, type Example, type Split } from '../schema';
import { splitDataset, type SplitOptions } from './split-dataset';
import type { SplitRow } from './split-row';

const WORDS = ['red', 'blue', 'sofa', 'lamp', 'desk', 'chair', 'oak', 'led', 'rug', 'bed'];
const CATEGORIES = ['sofas', 'lights', 'desks', 'rugs'];

function row(i: number, query: string, category: string, grade: 0 | 1 | 2 = 1): SplitRow {
  return { id: `r${i}`, query, queryKey: query.toLowerCase(), item: { title: `item ${i}`, fields: { category } }, grade, attributes: { category } };
}

const rowsArb = fc
  .array(fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.constantFrom(...CATEGORIES), fc.constantFrom(0, 1, 2)), { minLength: 12, maxLength: 80 })
  .map((specs) => specs.map(([words, category, grade], i) => row(i, words.join(' '), category, grade as 0 | 1 | 2)));

function splitOfQueries(examples: Record<Split, Example[]>): Map<string, Set<Split>> {
  const seen = new Map<string, Set<Split>>();
  for (const split of SPLITS) for (const e of examples[split]) (seen.get(e.query.toLowerCase()) ?? seen.set(e.query.toLowerCase(), new Set()).get(e.query.toLowerCase())!).add(split);
  return seen;
}

function tryToSplit(rows: SplitRow[], options: SplitOptions) {
  try {
    return splitDataset(rows, options);
  } catch (error) {
    if ((error as Error).name === 'SplitError') return null; // too few queries for the rule: a clear refusal is fine
    throw error;
  }
}

describe('splitDataset', () => {
  it('never puts a query in two splits, whatever the rule, and loses no row but the reported drops', () => {
    const rule = fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.subarray(CATEGORIES, { minLength: 1, maxLength: 2 }).map((values) => ({ kind: 'column' as const, column: 'category', values })),
      fc.integer({ min: 1, max: 2 }).map((heldOut) => ({ kind: 'clusters' as const, heldOut, clusters: 4 })),
    );
    fc.assert(
      fc.property(rowsArb, rule, fc.integer(), fc.double({ min: 0, max: 0.5, noNaN: true }), (rows, ood, seed, poolFraction) => {
        const result = tryToSplit(rows, { seed, ood, poolFraction });
        if (!result) return;
        for (const splits of splitOfQueries(result.examples).values()) expect(splits.size).toBe(1);
        const total = SPLITS.reduce((n, s) => n + result.examples[s].length, 0);
        expect(total + result.report.droppedRows).toBe(rows.length);
        for (const split of SPLITS) for (const e of result.examples[split]) expect(e.split).toBe(split);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic for a seed and independent of row order', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer(), (rows, seed) => {
        const options: SplitOptions = { seed, ood: { kind: 'clusters', heldOut: 1, clusters: 3 }, poolFraction: 0.2 };
        const a = tryToSplit(rows, options);
        const b = tryToSplit([...rows].reverse(), options);
        if (!a || !b) return;
        const assignment = (r: typeof a) => Object.fromEntries(SPLITS.flatMap((s) => r.examples[s].map((e) => [e.id, s])));
        expect(assignment(b)).toEqual(assignment(a));
      }),
      { numRuns: 50 },
    );
  });

  it('changes the assignment with the seed', () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i, `query ${i}`, CATEGORIES[i % 4]));
    const ids = (seed: number) => splitDataset(rows, { seed, ood: { kind: 'none' } }).examples.train.map((e) => e.id).join();
    expect(ids(1)).not.toBe(ids(2));
    expect(ids(1)).toBe(ids(1));
  });

  it('holds out column values: they form test_ood (and part of the pool) and never reach train/val/test_id', () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i, `query ${i}`, CATEGORIES[i % 4]));
    const { examples } = splitDataset(rows, { seed: 5, ood: { kind: 'column', column: 'category', values: ['rugs'] }, poolFraction: 0.2 });
    expect(examples.test_ood.length).toBeGreaterThan(0);
    expect(examples.test_ood.every((e) => e.item.fields.category === 'rugs' && e.tags[0] === 'ood:category=rugs')).toBe(true);
    for (const split of ['train', 'val', 'test_id'] as const) expect(examples[split].some((e) => e.item.fields.category === 'rugs')).toBe(false);
    const poolOod = examples.pool.filter((e) => e.item.fields.category === 'rugs').length;
    expect(poolOod / examples.pool.length).toBeGreaterThan(0.1);
    expect(poolOod / examples.pool.length).toBeLessThan(0.45);
    expect(examples.pool.length).toBeCloseTo(60, -1);
    expect(examples.train.length / (examples.train.length + examples.val.length + examples.test_id.length)).toBeCloseTo(0.7, 1);
  });

  it('holds out whole query clusters: queries sharing words end up together', () => {
    const themes = [['oak', 'desk'], ['red', 'sofa'], ['led', 'lamp'], ['wool', 'rug']];
    const rows = Array.from({ length: 160 }, (_, i) => row(i, `${themes[i % 4].join(' ')} ${i}`, 'x'));
    const { examples, report } = splitDataset(rows, { seed: 2, ood: { kind: 'clusters', heldOut: 1, clusters: 4 }, poolFraction: 0 });
    const themeOf = (q: string) => themes.findIndex((t) => q.startsWith(t.join(' ')));
    const oodThemes = new Set(examples.test_ood.map((e) => themeOf(e.query)));
    expect(oodThemes.size).toBe(1);
    const idThemes = new Set([...examples.train, ...examples.val, ...examples.test_id].map((e) => themeOf(e.query)));
    expect([...oodThemes].some((t) => idThemes.has(t))).toBe(false);
    expect((report.ood.clusterSizes as number[]).reduce((a, b) => a + b, 0)).toBe(160);
  });
});
