import { describe, expect, it } from 'vitest';
import { selectRandomOod } from './random-ood-select';

const poolIds = Array.from({ length: 200 }, (_, i) => `p${i}`);
const tags = new Map(poolIds.map((id, i) => [id, i % 5 === 0 ? ['unseen_category'] : i % 7 === 0 ? ['typo', 'synonym'] : []]));
const isTagged = (id: string) => tags.get(id)!.length > 0;

describe('random selection among OOD-tagged pool samples (upper bound)', () => {
  it('picks only tagged rows, the budget of them, without repeats, seeded', () => {
    const first = selectRandomOod({ poolIds, tags }, { budget: 30, seed: 4 });
    expect(first.method).toBe('random-ood');
    expect(first.selected).toHaveLength(30);
    expect(new Set(first.selected).size).toBe(30);
    expect(first.selected.every(isTagged)).toBe(true);
    expect(first.stats.oodTagged!.selected).toBe(1);
    expect(selectRandomOod({ poolIds, tags }, { budget: 30, seed: 4 }).selected).toEqual(first.selected);
    expect(selectRandomOod({ poolIds, tags }, { budget: 30, seed: 5 }).selected).not.toEqual(first.selected);
  });

  it('takes every tagged row when there are fewer than the budget, and records the shortfall', () => {
    const taggedCount = poolIds.filter(isTagged).length;
    const result = selectRandomOod({ poolIds, tags }, { budget: 150, seed: 1 });
    expect(result.selected.sort()).toEqual(poolIds.filter(isTagged).sort());
    expect(result.stats).toMatchObject({ budget: 150, selected: taggedCount, shortfall: 150 - taggedCount });
  });

  it('needs a seed', () => {
    expect(() => selectRandomOod({ poolIds, tags }, { budget: 3, seed: undefined as never })).toThrow(/needs a seed/);
  });
});
