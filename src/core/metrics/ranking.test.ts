import { describe, expect, it } from 'vitest';
import { EmptyMetricInputError, MetricInputError } from './errors';
import { dcgAtK, ndcgAtK, precisionAtK, rankingMetrics, rankItems, reciprocalRank, type RankedItem } from './ranking';

// q1 ranked by score: a(2), b(0), c(1), d(2).
const q1: RankedItem[] = [
  { id: 'd', score: 0.1, grade: 2 },
  { id: 'b', score: 0.8, grade: 0 },
  { id: 'a', score: 0.9, grade: 2 },
  { id: 'c', score: 0.7, grade: 1 },
];
// q2: a tie in score; trec_eval's rule puts the larger id first: y(0), x(2).
const q2: RankedItem[] = [
  { id: 'x', score: 0.5, grade: 2 },
  { id: 'y', score: 0.5, grade: 0 },
];
// q3: nothing relevant, ideal DCG 0.
const q3: RankedItem[] = [
  { id: 'm', score: 0.9, grade: 0 },
  { id: 'n', score: 0.2, grade: 0 },
];

const q1Dcg5 = 2 / Math.log2(2) + 0 / Math.log2(3) + 1 / Math.log2(4) + 2 / Math.log2(5); // 2 + 0 + 0.5 + 0.86135 = 3.36135
const q1Ideal5 = 2 / Math.log2(2) + 2 / Math.log2(3) + 1 / Math.log2(4) + 0; // 2 + 1.26186 + 0.5 = 3.76186
const q1Ndcg5 = q1Dcg5 / q1Ideal5; // 0.893535 (sklearn ndcg_score([[2,0,1,2]], [[.9,.8,.7,.1]], k=5) = 0.893534995064101)
const q2Ndcg = (0 + 2 / Math.log2(3)) / 2; // 1.26186 / 2 = 0.63093

describe('ranking metrics', () => {
  it('computes DCG with linear gains and a log2(i + 1) discount', () => {
    expect(dcgAtK([2, 0, 1, 2], 5)).toBeCloseTo(q1Dcg5, 12);
    expect(dcgAtK([2, 0, 1, 2], 1)).toBe(2);
    expect(dcgAtK([], 5)).toBe(0);
  });

  it('gives nDCG@k per query as worked by hand and as sklearn gives', () => {
    expect(ndcgAtK(q1, 5)).toBeCloseTo(q1Ndcg5, 12);
    expect(ndcgAtK(q1, 5)).toBeCloseTo(0.893534995064101, 12);
    // @2: DCG 2 + 0 = 2; ideal 2 + 2/log2(3) = 3.26186; 0.61315 (sklearn k=2: 0.6131471927654584).
    expect(ndcgAtK(q1, 2)).toBeCloseTo(0.6131471927654584, 12);
    expect(ndcgAtK(q3, 5)).toBeNull();
  });

  it('breaks score ties by descending id, deterministically', () => {
    expect(rankItems(q2).map((item) => item.id)).toEqual(['y', 'x']);
    expect(rankItems([...q2].reverse()).map((item) => item.id)).toEqual(['y', 'x']);
    expect(ndcgAtK(q2, 5)).toBeCloseTo(q2Ndcg, 12);
    expect(ndcgAtK([{ ...q2[0], id: 'z' }, q2[1]], 5)).toBe(1);
  });

  it('computes reciprocal rank and P@k with relevant = grade >= 1, P@k over k', () => {
    expect(reciprocalRank(q1)).toBe(1);
    expect(reciprocalRank(q2)).toBe(0.5);
    expect(reciprocalRank(q3)).toBeNull();
    // q1 top 5 holds a, c, d relevant out of 4 items: 3 / 5.
    expect(precisionAtK(q1, 5)).toBeCloseTo(0.6, 12);
    expect(precisionAtK(q1, 2)).toBeCloseTo(0.5, 12);
    expect(precisionAtK(q3, 5)).toBeNull();
  });

  it('averages over queries, leaving out those with no relevant item by default', () => {
    const report = rankingMetrics(new Map([['q1', q1], ['q2', q2], ['q3', q3]]));
    expect(report.queries).toBe(3);
    expect(report.rankedQueries).toBe(2);
    expect(report.metrics['ndcg@5']).toBeCloseTo((q1Ndcg5 + q2Ndcg) / 2, 12);
    // Fewer than 10 items: @10 equals @5 here.
    expect(report.metrics['ndcg@10']).toBeCloseTo((q1Ndcg5 + q2Ndcg) / 2, 12);
    expect(report.metrics.mrr).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(report.metrics['precision@5']).toBeCloseTo((3 / 5 + 1 / 5) / 2, 12);
    expect(report.metrics['precision@10']).toBeCloseTo((3 / 10 + 1 / 10) / 2, 12);
  });

  it("counts such queries as 0 under 'score-zero', as ranx does", () => {
    const report = rankingMetrics(new Map([['q1', q1], ['q2', q2], ['q3', q3]]), { zeroIdeal: 'score-zero' });
    expect(report.rankedQueries).toBe(3);
    expect(report.metrics['ndcg@5']).toBeCloseTo((q1Ndcg5 + q2Ndcg + 0) / 3, 12);
    expect(report.metrics.mrr).toBeCloseTo(0.5, 12);
  });

  it('handles a single query, and gives null when no query has a relevant item', () => {
    const single = rankingMetrics(new Map([['q1', q1]]), { cutoffs: [2] });
    expect(single.metrics['ndcg@2']).toBeCloseTo(0.6131471927654584, 12);
    expect(single.rankedQueries).toBe(1);
    const none = rankingMetrics(new Map([['q3', q3]]));
    expect(none.metrics['ndcg@5']).toBeNull();
    expect(none.metrics.mrr).toBeNull();
    expect(none.rankedQueries).toBe(0);
  });

  it('refuses no queries, duplicate ids, NaN scores and bad cutoffs', () => {
    expect(() => rankingMetrics(new Map())).toThrow(EmptyMetricInputError);
    expect(() => rankingMetrics(new Map([['q', [q2[0], q2[0]]]]))).toThrow(/query "q": item id "x" appears twice/);
    expect(() => rankingMetrics(new Map([['q', [{ id: 'a', score: Number.NaN, grade: 1 }]]]))).toThrow(MetricInputError);
    expect(() => rankingMetrics(new Map([['q1', q1]]), { cutoffs: [0] })).toThrow(/positive integer, got 0/);
    expect(() => dcgAtK([1], 2.5)).toThrow(MetricInputError);
  });
});
