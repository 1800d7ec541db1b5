// The official split: a query's train/test side comes from a column; the OOD rule still picks the
// OOD queries, and test-side ones alone form test_ood.
import { describe, expect, it } from 'vitest';
import type { Example, Split } from '../schema';
import { splitDataset } from './split-dataset';
import type { SplitRow } from './split-row';

function row(i: number, query: string, split: string, source = 'other'): SplitRow {
  return { id: `r${i}`, query, queryKey: query, item: { title: `item ${i}`, fields: {} }, grade: 1, attributes: { split, source } };
}

/** 40 queries of 2 rows: q0..q29 train side, q30..q39 test side; every fifth query is a negation. */
const ROWS = Array.from({ length: 80 }, (_, i) => {
  const q = Math.floor(i / 2);
  return row(i, `q${q}`, q < 30 ? 'train' : 'test', q % 5 === 0 ? 'negations' : 'other');
});

function queriesIn(examples: Record<Split, Example[]>, split: Split): string[] {
  return [...new Set(examples[split].map((e) => e.query))].sort();
}

describe('splitDataset with an official split column', () => {
  it('keeps test-side queries in test_id and draws train, val and pool from the train side', () => {
    const { examples, report } = splitDataset(ROWS, { seed: 1, poolFraction: 0.2, ood: { kind: 'none' }, officialColumn: 'split' });
    const testSide = Array.from({ length: 10 }, (_, k) => `q${30 + k}`).sort();
    expect(queriesIn(examples, 'test_id')).toEqual(testSide);
    const trainSide = [...queriesIn(examples, 'train'), ...queriesIn(examples, 'val'), ...queriesIn(examples, 'pool')];
    expect(trainSide.sort()).toEqual(Array.from({ length: 30 }, (_, k) => `q${k}`).sort());
    expect([report.queries.pool, report.queries.train, report.queries.val]).toEqual([6, 21, 3]); // 20% pool, the rest 7:1
    expect(report.official).toEqual({ column: 'split', trainQueries: 30, testQueries: 10, leftOutQueries: 0, leftOutRows: 0 });
  });

  it('puts test-side OOD queries in test_ood, a pool share of train-side ones in the pool, and leaves the others out', () => {
    const { examples, report } = splitDataset(ROWS, { seed: 1, poolFraction: 0.5, ood: { kind: 'column', column: 'source', values: ['negations'] }, officialColumn: 'split' });
    expect(queriesIn(examples, 'test_ood')).toEqual(['q30', 'q35']);
    expect(queriesIn(examples, 'test_id')).not.toContain('q30');
    const oodInPool = examples.pool.filter((e) => e.tags.length > 0);
    expect(new Set(oodInPool.map((e) => e.query)).size).toBe(3); // half of q0, q5, ..., q25
    expect(report.official).toMatchObject({ leftOutQueries: 3, leftOutRows: 6 });
    for (const split of ['train', 'val', 'test_id'] as const) expect(examples[split].every((e) => e.tags.length === 0)).toBe(true);
  });

  it('refuses values other than train/test and a query on both sides, by name', () => {
    expect(() => splitDataset([...ROWS, row(99, 'q1', 'valid')], { seed: 1, ood: { kind: 'none' }, officialColumn: 'split' })).toThrow(/column "split" must hold train or test; found "valid"/);
    expect(() => splitDataset([...ROWS, row(99, 'q1', 'test')], { seed: 1, ood: { kind: 'none' }, officialColumn: 'split' })).toThrow(/query "q1" has rows in both the train and the test split/);
  });
});
