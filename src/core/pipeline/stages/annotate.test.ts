import { describe, expect, it } from 'vitest';
import type { SelectionResult } from '../../dasa/types';
import type { Example, Grade } from '../../data/schema';
import { createRng } from '../../random';
import type { PipelineData } from '../data';
import { PipelineInputError } from '../errors';
import type { AnnotateSettings } from '../settings';
import { holdoutCount, runAnnotate } from './annotate';

// 30 pool samples over 8 queries of 2 to 6 samples each.
const SIZES = [2, 3, 4, 5, 6, 3, 4, 3];
const pool: Example[] = SIZES.flatMap((size, q) =>
  Array.from({ length: size }, (_, i): Example => ({ id: `p${q}-${i}`, query: `query ${q}`, item: { title: `item ${i}`, fields: {} }, grade: null, split: 'pool', tags: [] })),
);
const gold = new Map<string, Grade | null>(pool.map((example, i) => [example.id, (i % 3) as Grade]));
const data: PipelineData = { train: [], val: [], test_id: [], test_ood: [], pool, poolGold: gold, fingerprint: 'test' };
const selection = { method: 'dasa', selected: pool.map((example) => example.id) } as SelectionResult;
const settings = (holdoutBy: AnnotateSettings['holdoutBy'], seed = 3): AnnotateSettings => ({ annotator: { kind: 'oracle' }, holdoutFraction: 0.2, holdoutBy, seed });
const queryOf = (id: string) => pool.find((example) => example.id === id)!.query;

describe('annotate hold-out', () => {
  it('by sample: the seeded draw of round(n * fraction) ids it always was', async () => {
    const { record } = await runAnnotate(settings('sample'), { selection, data });
    const expected = createRng('holdout/3').shuffle(selection.selected).slice(0, holdoutCount(30, 0.2));
    expect(new Set(record.holdoutIds)).toEqual(new Set(expected));
    expect(record.finetuneIds.length + record.holdoutIds.length).toBe(30);
  });

  it('by query: held-out and fine-tuning samples share no query, and at least the target is held', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { record } = await runAnnotate(settings('query', seed), { selection, data });
      const heldQueries = new Set(record.holdoutIds.map(queryOf));
      const tunedQueries = new Set(record.finetuneIds.map(queryOf));
      expect([...heldQueries].filter((query) => tunedQueries.has(query))).toEqual([]);
      expect(record.holdoutIds.length).toBeGreaterThanOrEqual(holdoutCount(30, 0.2));
      expect(record.finetuneIds.length).toBeGreaterThan(0);
      expect(record.finetuneIds.length + record.holdoutIds.length).toBe(30);
    }
  });

  it('names an unknown hold-out unit', async () => {
    const bad = { ...settings('sample'), holdoutBy: 'item' } as unknown as AnnotateSettings;
    await expect(runAnnotate(bad, { selection, data })).rejects.toThrow(PipelineInputError);
    await expect(runAnnotate(bad, { selection, data })).rejects.toThrow(/holdoutBy must be one of sample, query, got item/);
  });
});
