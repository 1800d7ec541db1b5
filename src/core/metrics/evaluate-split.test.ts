import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification';
import { EmptyMetricInputError, MetricInputError } from './errors';
import { evaluateSplit, type SplitExample } from './evaluate-split';

// Three queries. Predicted grade = arg-max, confidence = max p, ranking score = (p1 + 2 p2) / 2.
const split: SplitExample[] = [
  { id: 'e1', query: 'A', label: 2, probs: [0.1, 0.2, 0.7] }, // pred 2 right, conf 0.7, score 0.8
  { id: 'e2', query: 'A', label: 0, probs: [0.6, 0.3, 0.1] }, // pred 0 right, conf 0.6, score 0.25
  { id: 'e3', query: 'A', label: 1, probs: [0.2, 0.5, 0.3] }, // pred 1 right, conf 0.5, score 0.55
  { id: 'e4', query: 'B', label: 2, probs: [0.2, 0.5, 0.3] }, // pred 1 WRONG, conf 0.5, score 0.55
  { id: 'e5', query: 'B', label: 1, probs: [0.2, 0.5, 0.3] }, // pred 1 right, conf 0.5, score 0.55 (tie with e4)
  { id: 'e6', query: 'B', label: 0, probs: [0.7, 0.2, 0.1] }, // pred 0 right, conf 0.7, score 0.2
  { id: 'e7', query: 'C', label: 0, probs: [0.4, 0.4, 0.2] }, // arg-max tie -> 0, right, conf 0.4, score 0.4
];

describe('evaluateSplit', () => {
  const metrics = evaluateSplit(split);

  it('reports the classification metrics with the confusion matrix rows as true grades', () => {
    // truth [2,0,1,2,1,0,0], predicted [2,0,1,1,1,0,0].
    expect(metrics.n).toBe(7);
    expect(metrics.confusion_matrix).toEqual([
      [3, 0, 0],
      [0, 2, 0],
      [0, 1, 1],
    ]);
    expect(metrics.accuracy).toBeCloseTo(6 / 7, 12);
    // F1: class 0 -> 1; class 1: P 2/3, R 1, F1 4/5; class 2: P 1, R 1/2, F1 2/3. Macro (1 + 4/5 + 2/3) / 3 = 37/45.
    expect(metrics.per_class[1]).toMatchObject({ recall: 1, support: 2 });
    expect(metrics.per_class[1].precision).toBeCloseTo(2 / 3, 12);
    expect(metrics.per_class[2]).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(metrics.macro_f1).toBeCloseTo(37 / 45, 12);
    const reference = classificationReport([2, 0, 1, 2, 1, 0, 0], [2, 0, 1, 1, 1, 0, 0]);
    expect(metrics.macro_f1).toBeCloseTo(reference.macroF1, 12);
    expect(metrics.per_class).toEqual(reference.perClass);
  });

  it('reports qwk, ece with its reliability bins, and the relevance auc', () => {
    // Row sums [3,2,2], column sums [3,3,1], n 7; observed 1 (one 2 -> 1);
    // expected (1/7)(3*(3 + 4*1) + 2*(3 + 1) + 2*(4*3 + 3)) = 59/7; qwk = 1 - 7/59 = 52/59.
    expect(metrics.qwk).toBeCloseTo(52 / 59, 12);
    // Bins: 0.7 -> bin 10 (2, acc 1); 0.6 -> bin 8 (1, acc 1); 0.5 -> bin 7 (3, acc 2/3); 0.4 -> bin 5 (1, acc 1).
    // ECE = (2*0.3 + 0.4 + 3*(1/6) + 0.6) / 7 = 2.1 / 7 = 0.3.
    expect(metrics.ece).toBeCloseTo(0.3, 12);
    expect(metrics.reliability.map((bin) => bin.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 3, 1, 0, 2, 0, 0, 0, 0]);
    expect(metrics.reliability[7].accuracy).toBeCloseTo(2 / 3, 12);
    // 1 - p0: relevant 0.9, 0.8, 0.8, 0.8 all above irrelevant 0.4, 0.3, 0.6.
    expect(metrics.auc).toBe(1);
  });

  it('ranks by the expected grade per query, ties by descending id, and leaves out the all-irrelevant query', () => {
    // A: e1(2), e3(1), e2(0): ideal order, nDCG 1.
    // B: e5 and e4 tie at 0.55; e5 goes first: e5(1), e4(2), e6(0). DCG 1 + 2/log2(3) = 2.26186; ideal 2 + 1/log2(3) = 2.63093.
    // C: only grade 0, left out.
    const queryB = (1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)); // 0.85972
    expect(metrics.queries).toBe(3);
    expect(metrics.ranked_queries).toBe(2);
    expect(metrics['ndcg@5']).toBeCloseTo((1 + queryB) / 2, 12);
    expect(metrics['ndcg@10']).toBeCloseTo((1 + queryB) / 2, 12);
    expect(metrics.mrr).toBe(1);
    expect(metrics['precision@5']).toBeCloseTo(2 / 5, 12);
    expect(metrics['precision@10']).toBeCloseTo(2 / 10, 12);
    const scoreZero = evaluateSplit(split, { zeroIdeal: 'score-zero' });
    expect(scoreZero['ndcg@5']).toBeCloseTo((1 + queryB + 0) / 3, 12);
  });

  it('reports NLL, the Brier score and the random-ranking nDCG', () => {
    // Gold probabilities 0.7, 0.6, 0.5, 0.3, 0.5, 0.7, 0.4: NLL = -(sum of their logs) / 7.
    expect(metrics.nll).toBeCloseTo(0.6758191, 6);
    // Squared distances to one-hot: 0.14, 0.26, 0.38, 0.78, 0.38, 0.14, 0.56; sum 2.64.
    expect(metrics.brier).toBeCloseTo(2.64 / 7, 12);
    // Queries A and B both hold grades {2, 1, 0}: mean grade 1 * (1 + 1/log2 3 + 1/2) / (2 + 1/log2 3); C has no relevant item.
    const random = (1 + 1 / Math.log2(3) + 0.5) / (2 + 1 / Math.log2(3));
    expect(metrics['random_ndcg@5']).toBeCloseTo(random, 12);
    expect(metrics['random_ndcg@10']).toBeCloseTo(random, 12);
  });

  it('groups by queryId when given, falling back to the query text', () => {
    // With one queryId for all, the seven items form one query.
    const oneQuery = evaluateSplit(split.map((example) => ({ ...example, queryId: 'all' })));
    expect(oneQuery.queries).toBe(1);
    expect(oneQuery.ranked_queries).toBe(1);
    expect(oneQuery.accuracy).toBe(metrics.accuracy);
  });

  it('handles a single example', () => {
    const single = evaluateSplit([{ id: 'only', query: 'q', label: 2, probs: [0, 0, 1] }]);
    expect(single).toMatchObject({ n: 1, accuracy: 1, qwk: 0, ece: 0, auc: null, 'ndcg@5': 1, mrr: 1 });
    // sklearn labels=[0,1,2]: the two absent grades score F1 0 and count in the macro mean.
    expect(single.macro_f1).toBeCloseTo(1 / 3, 12);
  });

  it('refuses bad input with named errors that say where', () => {
    expect(() => evaluateSplit([])).toThrow(EmptyMetricInputError);
    expect(() => evaluateSplit([split[0], split[0]])).toThrow(/example 1 \(id "e1"\): id appears twice/);
    expect(() => evaluateSplit([{ id: 'x', label: 1, probs: [0, 1, 0] }])).toThrow(/needs a queryId or a query/);
    expect(() => evaluateSplit([{ ...split[0], label: 3 as never }])).toThrow(/example 0 \(id "e1"\): label is 3/);
    expect(() => evaluateSplit([{ ...split[0], probs: [0.5, 0.5] }])).toThrow(MetricInputError);
    expect(() => evaluateSplit([{ ...split[0], id: '' }])).toThrow(/id must be a non-empty string/);
  });
});
