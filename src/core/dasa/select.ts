// DASA selection (METHOD.md, stage 2): threshold the detectors at an ID-validation quantile,
// combine their ranks, and take a budget of the most OOD candidates under the diversity rule (and,
// as an option, at most maxPerQuery samples of one query).
import { validateMatrix } from '../ood/matrix';
import { resolveBudget } from './budget';
import { greedyDiverse, type QueryCap } from './diversity';
import { DasaInputError } from './errors';
import { scorePool } from './scoring';
import { markSelected, selectionStats } from './stats';
import type { DasaInput, DasaOptions, SelectionResult } from './types';

export const DEFAULT_MAX_COSINE = 0.95;

/** Diversity across queries: at most `maxPerQuery` selected samples share one query (null or absent: no cap). */
export interface QueryCapOptions {
  maxPerQuery?: number | null;
}

/** Each pool row's query (same order as `poolIds`), needed for `maxPerQuery`. */
export interface PoolQueries {
  poolQueries?: readonly string[];
}

function queryCap(input: PoolQueries & { poolIds: readonly string[] }, maxPerQuery: number | null | undefined): QueryCap | undefined {
  if (maxPerQuery === null || maxPerQuery === undefined) return undefined;
  if (!Number.isInteger(maxPerQuery) || maxPerQuery < 1) {
    throw new DasaInputError(`DASA: maxPerQuery ${maxPerQuery} must be a whole number of at least 1 (or null for no cap).`, { maxPerQuery });
  }
  const queries = input.poolQueries;
  if (!queries || queries.length !== input.poolIds.length) {
    throw new DasaInputError(`DASA: maxPerQuery needs each pool row's query (${queries?.length ?? 0} queries for ${input.poolIds.length} pool ids).`, {
      queries: queries?.length ?? 0,
      ids: input.poolIds.length,
    });
  }
  return { max: maxPerQuery, queryOf: (index) => queries[index] };
}

export function selectDasa(input: DasaInput & PoolQueries, options: DasaOptions & QueryCapOptions = {}): SelectionResult {
  const budget = resolveBudget(options);
  const maxCosine = options.maxCosine ?? DEFAULT_MAX_COSINE;
  if (!(maxCosine >= -1 && maxCosine <= 1)) {
    throw new DasaInputError(`DASA: maxCosine ${maxCosine} must lie between -1 and 1 (0.95 skips samples almost parallel to one already taken).`, {
      maxCosine,
    });
  }
  const center = options.centerFeatures ?? true;
  const fill = options.fillBelowThreshold ?? false;
  validateMatrix(input.poolFeatures, 'pool features');
  if (input.poolFeatures.rows !== input.poolIds.length) {
    throw new DasaInputError(`DASA: ${input.poolFeatures.rows} pool feature rows for ${input.poolIds.length} pool ids.`, {
      rows: input.poolFeatures.rows,
      ids: input.poolIds.length,
    });
  }

  const scored = scorePool(input, options);
  const ranked = scored.order.filter((index) => fill || scored.records[index].aboveThreshold);
  const cap = queryCap(input, options.maxPerQuery);
  const { chosen, skipped } = greedyDiverse(input.poolFeatures, ranked, budget, maxCosine, center, cap);
  for (const [index, duplicateOf] of skipped) scored.records[index].nearDuplicateOf = scored.records[duplicateOf].id;
  const selected = markSelected(scored.records, chosen);

  return {
    method: 'dasa',
    selected,
    perSample: scored.records,
    thresholds: scored.thresholds,
    stats: selectionStats(scored.records, budget, input.tags),
    settings: { ...scored.settings, budget, maxCosine, centerFeatures: center, fillBelowThreshold: fill, ...(cap ? { maxPerQuery: cap.max } : {}) },
  };
}
