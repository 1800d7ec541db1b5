import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { createRng } from '../random';
import { expectedRandomNdcg } from './random-ranking';
import { ndcgAtK, type RankedItem } from './ranking';

describe('expected nDCG of a random ranking', () => {
  it('matches the hand computation on a small query', () => {
    // Grades [2, 0]: orders (2, 0) and (0, 2) are equally likely; nDCG@5 = 1 and 1/log2(3) = 0.63093.
    const value = expectedRandomNdcg(new Map([['q', [2, 0] as Grade[]]]), [1, 5]);
    expect(value['ndcg@5']).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 12);
    // @1: the top item is the relevant one half of the time.
    expect(value['ndcg@1']).toBeCloseTo(0.5, 12);
  });

  it('equals the average over every permutation, and over many seeded shuffles', () => {
    const grades: Grade[] = [2, 1, 0, 0, 1, 2, 0];
    const items: RankedItem[] = grades.map((grade, i) => ({ id: `d${i}`, score: 0, grade }));
    const exact = expectedRandomNdcg(new Map([['q', grades]]), [3, 5, 10]);
    const rng = createRng('random-ranking');
    const draws = 20000;
    for (const k of [3, 5, 10]) {
      let sum = 0;
      for (let d = 0; d < draws; d++) {
        const order = rng.shuffle(items).map((item, rank) => ({ ...item, score: items.length - rank }));
        sum += ndcgAtK(order, k)!;
      }
      expect(exact[`ndcg@${k}`]).toBeCloseTo(sum / draws, 2);
    }
  });

  it('is 1 when every candidate has the same grade, and averages queries as the model\'s nDCG does', () => {
    const queries = new Map<string, Grade[]>([
      ['same', [1, 1, 1]],
      ['none', [0, 0]],
    ]);
    expect(expectedRandomNdcg(queries, [5])['ndcg@5']).toBe(1);
    expect(expectedRandomNdcg(queries, [5], 'score-zero')['ndcg@5']).toBe(0.5);
    expect(expectedRandomNdcg(new Map([['none', [0] as Grade[]]]), [5])['ndcg@5']).toBeNull();
  });
});
