// Per-query ranking metrics with graded gains (Jarvelin & Kekalainen, as trec_eval's ndcg_cut,
// ranx's ndcg and ir_measures' nDCG): gain = grade, DCG@k = sum_{i=1..k} gain_i / log2(i + 1),
// nDCG@k = DCG@k / IDCG@k where IDCG@k is the DCG@k of the query's gold grades sorted best-first.
// Items are ranked by score, descending; tied scores are ordered by id in DESCENDING code-unit
// order, which is trec_eval's tie rule, so tied runs give the same numbers there.
import type { Grade } from '../data/schema';
import { MetricInputError, requireNonEmpty } from './errors';

export interface RankedItem {
  id: string;
  score: number;
  grade: Grade;
}

/** How a query with no relevant item (all grades 0, ideal DCG 0) enters the means. */
export type ZeroIdealPolicy = 'exclude' | 'score-zero';

export interface RankingOptions {
  cutoffs?: readonly number[];
  /**
   * 'exclude' (the lab's default): such a query says nothing about the ranking and is left out of
   * every ranking mean. 'score-zero': it scores 0 and counts, as ranx's ndcg does.
   */
  zeroIdeal?: ZeroIdealPolicy;
}

export interface RankingReport {
  /** ndcg@k and precision@k for each cutoff, and mrr; null when no query counts. */
  metrics: Record<string, number | null>;
  /** Queries in the input. */
  queries: number;
  /** Queries averaged over. */
  rankedQueries: number;
}

export const DEFAULT_CUTOFFS: readonly number[] = [5, 10];

export function compareRanked(a: RankedItem, b: RankedItem): number {
  if (a.score !== b.score) return b.score - a.score;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function rankItems(items: readonly RankedItem[]): RankedItem[] {
  return [...items].sort(compareRanked);
}

function checkCutoff(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new MetricInputError(`ranking cutoff must be a positive integer, got ${k}`, { cutoff: k });
}

/** DCG@k of grades listed in rank order. */
export function dcgAtK(gradesInRankOrder: readonly number[], k: number): number {
  checkCutoff(k);
  let dcg = 0;
  const depth = Math.min(k, gradesInRankOrder.length);
  for (let i = 0; i < depth; i++) dcg += gradesInRankOrder[i] / Math.log2(i + 2);
  return dcg;
}

/** nDCG@k of one query; null when the ideal DCG is 0 (no relevant item). */
export function ndcgAtK(items: readonly RankedItem[], k: number): number | null {
  const ideal = dcgAtK(items.map((item) => item.grade).sort((a, b) => b - a), k);
  if (ideal === 0) return null;
  return dcgAtK(rankItems(items).map((item) => item.grade), k) / ideal;
}

/** 1 / rank of the first relevant (grade >= 1) item; null when the query has none. */
export function reciprocalRank(items: readonly RankedItem[]): number | null {
  const ranked = rankItems(items);
  const first = ranked.findIndex((item) => item.grade >= 1);
  return first < 0 ? null : 1 / (first + 1);
}

/** Relevant (grade >= 1) items among the top k, divided by k even when fewer than k are ranked (trec_eval P_k). */
export function precisionAtK(items: readonly RankedItem[], k: number): number | null {
  checkCutoff(k);
  if (!items.some((item) => item.grade >= 1)) return null;
  const ranked = rankItems(items);
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (ranked[i].grade >= 1) hits += 1;
  return hits / k;
}

function checkQuery(queryId: string, items: readonly RankedItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new MetricInputError(`query ${JSON.stringify(queryId)}: item id ${JSON.stringify(item.id)} appears twice`, { queryId, id: item.id });
    seen.add(item.id);
    if (typeof item.score !== 'number' || Number.isNaN(item.score)) {
      throw new MetricInputError(`query ${JSON.stringify(queryId)}, item ${JSON.stringify(item.id)}: score is ${item.score}; it must be a number`, { queryId, id: item.id });
    }
  }
}

/** Per-query nDCG@k, P@k and RR, averaged over the queries (macro average). */
export function rankingMetrics(queries: ReadonlyMap<string, readonly RankedItem[]>, options: RankingOptions = {}): RankingReport {
  const cutoffs = options.cutoffs ?? DEFAULT_CUTOFFS;
  cutoffs.forEach(checkCutoff);
  const zeroIdeal = options.zeroIdeal ?? 'exclude';
  requireNonEmpty(queries.size, 'ranking metrics');
  const ndcgSums = new Float64Array(cutoffs.length);
  const precisionSums = new Float64Array(cutoffs.length);
  let reciprocalRankSum = 0;
  let rankedQueries = 0;
  for (const [queryId, items] of queries) {
    checkQuery(queryId, items);
    const grades = rankItems(items).map((item) => item.grade);
    // Grades are 0..2: the ideal order is a count of each grade, best first.
    const ideal = [...grades.filter((g) => g === 2), ...grades.filter((g) => g === 1), ...grades.filter((g) => g === 0)];
    if (ideal.length === 0 || ideal[0] === 0) {
      if (zeroIdeal === 'score-zero') rankedQueries += 1;
      continue;
    }
    rankedQueries += 1;
    reciprocalRankSum += 1 / (grades.findIndex((grade) => grade >= 1) + 1);
    cutoffs.forEach((k, c) => {
      ndcgSums[c] += dcgAtK(grades, k) / dcgAtK(ideal, k);
      let hits = 0;
      for (let i = 0; i < Math.min(k, grades.length); i++) if (grades[i] >= 1) hits += 1;
      precisionSums[c] += hits / k;
    });
  }
  const mean = (sum: number) => (rankedQueries === 0 ? null : sum / rankedQueries);
  const metrics: Record<string, number | null> = {};
  cutoffs.forEach((k, c) => {
    metrics[`ndcg@${k}`] = mean(ndcgSums[c]);
    metrics[`precision@${k}`] = mean(precisionSums[c]);
  });
  metrics.mrr = mean(reciprocalRankSum);
  return { metrics, queries: queries.size, rankedQueries };
}
