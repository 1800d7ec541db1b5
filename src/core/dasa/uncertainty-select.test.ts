import { describe, expect, it } from 'vitest';
import { predictiveEntropy, selectUncertainty } from './uncertainty-select';

/** Unit rows in distinct directions (no two near-duplicates), `d` columns. */
function distinctFeatures(rows: number, d = rows) {
  const data = new Float32Array(rows * d);
  for (let r = 0; r < rows; r++) data[r * d + r] = 1;
  return { data, rows, cols: d };
}

describe('uncertainty selection', () => {
  it('measures entropy in nats: 0 for a certain prediction, ln 3 for a uniform one', () => {
    expect(predictiveEntropy([1, 0, 0])).toBe(0);
    expect(predictiveEntropy([1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(Math.log(3), 12);
    expect(predictiveEntropy([0.5, 0.5, 0])).toBeCloseTo(Math.log(2), 12);
  });

  it('takes the budget of highest-entropy rows, most uncertain first', () => {
    const probs = [[0.9, 0.05, 0.05], [1 / 3, 1 / 3, 1 / 3], [0.6, 0.3, 0.1], [0.5, 0.5, 0], [0.98, 0.01, 0.01], [0.4, 0.35, 0.25]];
    const poolIds = probs.map((_, i) => `p${i}`);
    const result = selectUncertainty({ poolIds, entropy: probs.map(predictiveEntropy), poolFeatures: distinctFeatures(6) }, { budget: 3, centerFeatures: false });
    expect(result.method).toBe('uncertainty');
    expect(result.selected).toEqual(['p1', 'p5', 'p2']); // entropies 1.10, 1.08, 0.90; then p3 0.69
    expect(result.stats).toMatchObject({ budget: 3, selected: 3, shortfall: 0 });
    expect(result.perSample.filter((sample) => sample.selected).map((sample) => sample.id).sort()).toEqual(['p1', 'p2', 'p5']);
    expect(result.thresholds).toBeNull();
  });

  it("skips a near-duplicate of a row already taken (DASA's rule) and takes the next most uncertain", () => {
    const features = distinctFeatures(4);
    features.data.set([1, 0, 0, 0], 1 * 4); // p1 duplicates p0
    const result = selectUncertainty({ poolIds: ['p0', 'p1', 'p2', 'p3'], entropy: [1.0, 0.9, 0.8, 0.1], poolFeatures: features }, { budget: 2, centerFeatures: false });
    expect(result.selected).toEqual(['p0', 'p2']);
    expect(result.perSample[1].nearDuplicateOf).toBe('p0');
    expect(result.stats.skippedNearDuplicates).toBe(1);
  });

  it('is the same on a second call, records DASA scores when given, and names a length mismatch', () => {
    const poolIds = ['a', 'b', 'c'];
    const input = { poolIds, entropy: [0.2, 0.7, 0.5], poolFeatures: distinctFeatures(3), scores: { knn: { val: [0, 1], pool: [0.5, 0.2, 0.9] } } };
    const first = selectUncertainty(input, { budget: 2 });
    expect(selectUncertainty(input, { budget: 2 })).toEqual(first);
    expect(first.perSample[2].scores).toEqual({ knn: 0.9 });
    expect(first.thresholds!.perDetector.knn).toBeGreaterThan(0);
    expect(() => selectUncertainty({ ...input, entropy: [0.1] }, { budget: 1 })).toThrow(/1 entropies and 3 feature rows for 3 pool ids/);
  });
});
