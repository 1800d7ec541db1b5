// The nDCG a ranker with no information gets: the expectation over uniformly random orderings of
// each query's candidates, computed exactly. Every position holds each candidate with probability
// 1/n, so E[gain at a position] is the query's mean grade and
// E[DCG@k] = mean grade * sum_{i=1..min(k, n)} 1 / log2(i + 1); the ideal DCG does not depend on
// the order, so E[nDCG@k] = E[DCG@k] / IDCG@k. Queries with no relevant item follow the same
// ZeroIdealPolicy as the model's nDCG (ranking.ts), so the two numbers average the same queries.
import type { Grade } from '../data/schema';
import { requireNonEmpty } from './errors';
import { DEFAULT_CUTOFFS, dcgAtK, type ZeroIdealPolicy } from './ranking';

export function expectedRandomNdcg(
  queries: ReadonlyMap<string, readonly Grade[]>,
  cutoffs: readonly number[] = DEFAULT_CUTOFFS,
  zeroIdeal: ZeroIdealPolicy = 'exclude',
): Record<string, number | null> {
  requireNonEmpty(queries.size, 'random-ranking nDCG');
  const sums = new Float64Array(cutoffs.length);
  let counted = 0;
  for (const grades of queries.values()) {
    const ideal = [...grades].sort((a, b) => b - a);
    if (ideal.length === 0 || ideal[0] === 0) {
      if (zeroIdeal === 'score-zero') counted += 1;
      continue;
    }
    counted += 1;
    const meanGrade = grades.reduce((sum: number, grade) => sum + grade, 0) / grades.length;
    cutoffs.forEach((k, c) => {
      let discounts = 0;
      for (let i = 0; i < Math.min(k, grades.length); i++) discounts += 1 / Math.log2(i + 2);
      sums[c] += (meanGrade * discounts) / dcgAtK(ideal, k);
    });
  }
  return Object.fromEntries(cutoffs.map((k, c) => [`ndcg@${k}`, counted === 0 ? null : sums[c] / counted]));
}
