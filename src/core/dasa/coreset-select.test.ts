import { describe, expect, it } from 'vitest';
import type { Matrix } from '../ood/matrix';
import { kCenterGreedy, selectCoreset } from './coreset-select';

const matrix = (rows: number[][]): Matrix => ({ data: Float32Array.from(rows.flat()), rows: rows.length, cols: rows[0]?.length ?? 2 });

describe('core-set selection (greedy k-center)', () => {
  it('takes the pool point farthest from every centre so far, each time', () => {
    // ID train sits at the origin; the pool along a line.
    const covered = matrix([[0, 0]]);
    const pool = matrix([[1, 0], [10, 0], [9, 0], [5, 0], [-4, 0]]);
    const { chosen, distances } = kCenterGreedy(pool, covered, 4);
    // 10 is farthest from 0; then 5 (5 from both 0 and 10) beats -4 (4 from 0); then -4 beats 1 and 9 (1 away).
    expect(chosen.slice(0, 3)).toEqual([1, 3, 4]);
    expect(distances.slice(0, 3).map((d) => Number(d.toFixed(6)))).toEqual([10, 5, 4]);
    expect(distances).toEqual([...distances].sort((a, b) => b - a));
    // Brute force: each pick maximises the distance to its nearest centre among the rows not taken.
    const centres: number[][] = [[0, 0]];
    const rows = [[1, 0], [10, 0], [9, 0], [5, 0], [-4, 0]];
    for (const index of chosen) {
      const nearest = (row: number[]) => Math.min(...centres.map((c) => Math.hypot(row[0] - c[0], row[1] - c[1])));
      const best = Math.max(...rows.filter((_, i) => !chosen.slice(0, chosen.indexOf(index)).includes(i)).map(nearest));
      expect(nearest(rows[index])).toBeCloseTo(best, 6);
      centres.push(rows[index]);
    }
  });

  it('does not pick a pool point that sits on an ID train point while a farther one is left', () => {
    const covered = matrix([[0, 0], [3, 3]]);
    const pool = matrix([[3, 3], [0, 0.1], [-2, 5], [3.1, 3]]);
    expect(selectCoreset({ poolIds: ['on-train', 'near-origin', 'far', 'near-train'], poolFeatures: pool, coveredFeatures: covered }, { budget: 1 }).selected).toEqual(['far']);
  });

  it('respects the budget, takes every row of a small pool (shortfall) and is deterministic', () => {
    const pool = matrix([[0, 1], [1, 0], [2, 2], [5, 5], [0, 0]]);
    const poolIds = ['a', 'b', 'c', 'd', 'e'];
    const input = { poolIds, poolFeatures: pool, coveredFeatures: matrix([[0, 0]]) };
    const result = selectCoreset(input, { budget: 2 });
    expect(result.method).toBe('coreset');
    expect(result.selected).toHaveLength(2);
    expect(result.selected[0]).toBe('d');
    expect(selectCoreset(input, { budget: 2 })).toEqual(result);
    expect(selectCoreset(input, { budget: 9 }).stats).toMatchObject({ budget: 9, selected: 5, shortfall: 4 });
  });

  it('starts from the first farthest point when no centre is covered, and names mismatched columns', () => {
    const pool = matrix([[0, 0], [1, 0], [4, 0]]);
    const empty: Matrix = { data: new Float32Array(0), rows: 0, cols: 2 };
    expect(kCenterGreedy(pool, empty, 2).chosen).toEqual([0, 2]);
    expect(() => selectCoreset({ poolIds: ['a', 'b', 'c'], poolFeatures: pool, coveredFeatures: matrix([[0, 0, 0]]) }, { budget: 1 })).toThrow(/3 columns, pool features 2/);
  });
});
