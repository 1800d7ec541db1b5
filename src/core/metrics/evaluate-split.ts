// Every metric of one evaluated split (ID test, OOD test, validation), under the names METHOD.md
// ("Metrics") and the peers' users use. Definitions and edge cases: docs/METRICS.md.
import type { Grade } from '../data/schema';
import { classScores, confusionMatrix, type ClassScores } from './classification';
import { calibration, type ReliabilityBin } from './ece';
import { MetricInputError, requireNonEmpty } from './errors';
import { brierScore, negativeLogLikelihood } from './proper-scores';
import { checkGrade, checkProbabilities, expectedGradeScore, predictedGrade, type GradeProbabilities } from './probabilities';
import { qwkFromConfusion } from './qwk';
import { expectedRandomNdcg } from './random-ranking';
import { rankingMetrics, type RankedItem, type ZeroIdealPolicy } from './ranking';
import { relevanceAuc } from './relevance-auc';

export interface SplitExample {
  id: string;
  /** Groups the examples into queries for the ranking metrics; `query` (the text) is used when absent. */
  queryId?: string;
  query?: string;
  label: Grade;
  /** [p0, p1, p2]. */
  probs: GradeProbabilities;
}

export interface SplitMetrics {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: ClassScores[];
  /** confusion_matrix[true grade][predicted grade]. */
  confusion_matrix: number[][];
  qwk: number;
  ece: number;
  reliability: ReliabilityBin[];
  /** Mean -ln p(gold grade), p clipped below at NLL_EPSILON (proper-scores.ts). */
  nll: number;
  /** Mean over rows of sum_k (p_k - onehot_k)^2, in [0, 2]. */
  brier: number;
  /** Relevant (grade >= 1) vs irrelevant by 1 - p0; null when the split lacks either. */
  auc: number | null;
  /** Ranking metrics by the expected grade; null when no query has a relevant item. */
  'ndcg@5': number | null;
  'ndcg@10': number | null;
  /** Expected nDCG of a uniformly random order of each query's items (exact), over the same queries. */
  'random_ndcg@5': number | null;
  'random_ndcg@10': number | null;
  mrr: number | null;
  'precision@5': number | null;
  'precision@10': number | null;
  /** Queries in the split, and those the ranking metrics average over. */
  queries: number;
  ranked_queries: number;
}

export interface EvaluateOptions {
  zeroIdeal?: ZeroIdealPolicy;
}

function queryKey(example: SplitExample, where: () => string): string {
  if (typeof example.queryId === 'string') return example.queryId;
  if (typeof example.query === 'string') return example.query;
  throw new MetricInputError(`${where()}: needs a queryId or a query to group it for the ranking metrics`, { where: where() });
}

export function evaluateSplit(examples: readonly SplitExample[], options: EvaluateOptions = {}): SplitMetrics {
  requireNonEmpty(examples.length, 'evaluateSplit');
  const n = examples.length;
  const labels = new Array<Grade>(n);
  const predicted = new Array<number>(n);
  const probs = new Array<GradeProbabilities>(n);
  const queries = new Map<string, RankedItem[]>();
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) {
    const example = examples[i];
    const where = () => `example ${i} (id ${JSON.stringify(example?.id)})`;
    if (typeof example?.id !== 'string' || example.id === '') throw new MetricInputError(`${where()}: id must be a non-empty string`, { index: i });
    if (ids.has(example.id)) throw new MetricInputError(`${where()}: id appears twice in the split`, { index: i, id: example.id });
    ids.add(example.id);
    checkGrade(example.label, where);
    checkProbabilities(example.probs, where);
    labels[i] = example.label;
    probs[i] = example.probs;
    predicted[i] = predictedGrade(example.probs);
    const key = queryKey(example, where);
    let items = queries.get(key);
    if (!items) queries.set(key, (items = []));
    items.push({ id: example.id, score: expectedGradeScore(example.probs), grade: example.label });
  }

  const confusion = confusionMatrix(labels, predicted);
  const perClass = classScores(confusion);
  const correct = confusion.reduce((sum, row, k) => sum + row[k], 0);
  const { ece, reliability } = calibration(labels, probs);
  const ranking = rankingMetrics(queries, { cutoffs: [5, 10], zeroIdeal: options.zeroIdeal });
  const gradesByQuery = new Map([...queries].map(([key, items]) => [key, items.map((item) => item.grade)]));
  const random = expectedRandomNdcg(gradesByQuery, [5, 10], options.zeroIdeal);
  return {
    n,
    accuracy: correct / n,
    macro_f1: perClass.reduce((sum, s) => sum + s.f1, 0) / perClass.length,
    per_class: perClass,
    confusion_matrix: confusion,
    qwk: qwkFromConfusion(confusion),
    ece,
    reliability,
    nll: negativeLogLikelihood(labels, probs),
    brier: brierScore(labels, probs),
    auc: relevanceAuc(labels, probs),
    'ndcg@5': ranking.metrics['ndcg@5'],
    'ndcg@10': ranking.metrics['ndcg@10'],
    'random_ndcg@5': random['ndcg@5'],
    'random_ndcg@10': random['ndcg@10'],
    mrr: ranking.metrics.mrr,
    'precision@5': ranking.metrics['precision@5'],
    'precision@10': ranking.metrics['precision@10'],
    queries: ranking.queries,
    ranked_queries: ranking.rankedQueries,
  };
}
