import { describe, expect, it } from 'vitest';
import { selectRandom } from './random-select';

const poolIds = Array.from({ length: 500 }, (_, i) => `p${i}`);

describe('random selection (darl-no-dasa)', () => {
  it('draws the budget without repeats, the same for the same seed and different for another', () => {
    const first = selectRandom({ poolIds }, { budget: 40, seed: 3 });
    expect(first.method).toBe('random');
    expect(first.selected).toHaveLength(40);
    expect(new Set(first.selected).size).toBe(40);
    expect(selectRandom({ poolIds }, { budget: 40, seed: 3 }).selected).toEqual(first.selected);
    expect(selectRandom({ poolIds }, { budget: 40, seed: 4 }).selected).not.toEqual(first.selected);
    expect(first.perSample.filter((record) => record.selected).map((record) => record.id).sort()).toEqual([...first.selected].sort());
    expect(first.thresholds).toBeNull();
  });

  it('takes 5% of the train size by default and caps at the pool size', () => {
    expect(selectRandom({ poolIds }, { trainSize: 1000, seed: 1 }).selected).toHaveLength(50);
    const all = selectRandom({ poolIds: poolIds.slice(0, 10) }, { budget: 25, seed: 1 });
    expect(all.stats).toMatchObject({ selected: 10, budget: 25, shortfall: 15 });
  });

  it('spreads its picks over the pool rather than taking a block', () => {
    const { selected } = selectRandom({ poolIds }, { budget: 100, seed: 8 });
    const lowHalf = selected.filter((id) => Number(id.slice(1)) < 250).length;
    expect(lowHalf).toBeGreaterThan(30);
    expect(lowHalf).toBeLessThan(70);
  });

  it('records the detector scores and thresholds when given, and the OOD-tagged share of its picks', () => {
    const pool = poolIds.map((_, i) => i / 500);
    const tags = new Map(poolIds.map((id, i) => [id, i % 4 === 0 ? ['unseen_brand'] : []]));
    const result = selectRandom({ poolIds, scores: { knn: { val: [0, 0.5, 0.9], pool } }, tags }, { budget: 60, seed: 2 });
    expect(result.thresholds!.perDetector.knn).toBeCloseTo(0.86, 12);
    expect(result.perSample[499]).toMatchObject({ rank: 1, aboveThreshold: true });
    const taggedShare = result.selected.filter((id) => tags.get(id)!.length > 0).length / 60;
    expect(result.stats.oodTagged!.selected).toBeCloseTo(taggedShare, 12);
    expect(result.stats.oodTagged!.pool).toBeCloseTo(0.25, 12);
  });
});
