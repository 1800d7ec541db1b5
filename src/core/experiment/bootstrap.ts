// Paired bootstrap over model seeds and test queries. Seeds and queries are crossed (every seed
// scores the same test queries), so each replicate draws the seeds with replacement and, once, the
// queries with replacement (a query's rows always together), and every variant is scored on that
// same draw: differences between variants are paired. A variant's replicate value is its metric on
// the drawn queries' rows of each drawn seed, averaged over the drawn seeds.
import type { Rng } from '../random';
import { addRowSums, BOOTSTRAP_METRICS, metricsFromSums, SUMS_LENGTH, type BootstrapMetric, type ScoredRow } from './score-sums';

export const BOOTSTRAP_REPLICATES = 2000;
export const BOOTSTRAP_SEED = 1;
export const BOOTSTRAP_METHOD = 'paired-bootstrap-seeds-x-queries-percentile';

export interface QueryRow extends ScoredRow {
  /** The cluster the row is resampled with. */
  query: string;
}

export interface BootstrapInput {
  seeds: readonly string[];
  variants: readonly string[];
  /** rows[variant][seed]: one split's rows; every variant has the same rows (same queries) at a seed. */
  rows: Readonly<Record<string, Readonly<Record<string, readonly QueryRow[]>>>>;
}

export interface BootstrapDraws {
  replicates: number;
  seeds: number;
  /** Distinct queries over the seeds' rows. */
  queries: number;
  /** The metric on all rows of each seed, averaged over the seeds. */
  point: Record<string, Record<BootstrapMetric, number>>;
  /** values[variant][metric][replicate]. */
  values: Record<string, Record<BootstrapMetric, Float64Array>>;
}

function querySums(rows: readonly QueryRow[], queryIndex: ReadonlyMap<string, number>, queries: number): Float64Array {
  const sums = new Float64Array(queries * SUMS_LENGTH);
  for (const row of rows) addRowSums(sums, queryIndex.get(row.query)! * SUMS_LENGTH, [row]);
  return sums;
}

function totalSums(sums: Float64Array, weights: Int32Array | null): Float64Array {
  const total = new Float64Array(SUMS_LENGTH);
  for (let q = 0; q < sums.length / SUMS_LENGTH; q++) {
    const w = weights ? weights[q] : 1;
    if (w === 0) continue;
    const offset = q * SUMS_LENGTH;
    for (let i = 0; i < SUMS_LENGTH; i++) total[i] += w * sums[offset + i];
  }
  return total;
}

const metricRecord = <T>(make: () => T) => Object.fromEntries(BOOTSTRAP_METRICS.map((metric) => [metric, make()])) as Record<BootstrapMetric, T>;

export function bootstrapVariants(input: BootstrapInput, replicates: number, rng: Rng): BootstrapDraws {
  const { seeds, variants } = input;
  const queryIndex = new Map<string, number>();
  for (const seed of seeds) for (const row of input.rows[variants[0]][seed]) if (!queryIndex.has(row.query)) queryIndex.set(row.query, queryIndex.size);
  const queries = queryIndex.size;
  const sums = variants.map((variant) => seeds.map((seed) => querySums(input.rows[variant][seed], queryIndex, queries)));

  const point: BootstrapDraws['point'] = {};
  const values: BootstrapDraws['values'] = {};
  variants.forEach((variant, v) => {
    const perSeed = sums[v].map((seedSums) => metricsFromSums(totalSums(seedSums, null)));
    point[variant] = metricRecord(() => 0);
    for (const metric of BOOTSTRAP_METRICS) point[variant][metric] = perSeed.reduce((sum, m) => sum + m[metric], 0) / seeds.length;
    values[variant] = metricRecord(() => new Float64Array(replicates));
  });

  const seedCounts = new Int32Array(seeds.length);
  const queryWeights = new Int32Array(queries);
  for (let r = 0; r < replicates; r++) {
    seedCounts.fill(0);
    queryWeights.fill(0);
    for (let i = 0; i < seeds.length; i++) seedCounts[rng.int(seeds.length)] += 1;
    for (let i = 0; i < queries; i++) queryWeights[rng.int(queries)] += 1;
    variants.forEach((variant, v) => {
      const mean = metricRecord(() => 0);
      let weight = 0;
      seeds.forEach((_, s) => {
        const metrics = seedCounts[s] === 0 ? null : metricsFromSums(totalSums(sums[v][s], queryWeights));
        // A drawn seed none of whose rows belong to the drawn queries (its rows a small subset) is left out.
        if (metrics === null || Number.isNaN(metrics.macro_f1)) return;
        weight += seedCounts[s];
        for (const metric of BOOTSTRAP_METRICS) mean[metric] += seedCounts[s] * metrics[metric];
      });
      for (const metric of BOOTSTRAP_METRICS) values[variant][metric][r] = weight === 0 ? NaN : mean[metric] / weight;
    });
  }
  return { replicates, seeds: seeds.length, queries, point, values };
}

/** Linear interpolation between order statistics (R's type 7) of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const at = p * (sorted.length - 1);
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
}

export interface BootstrapInterval {
  /** Difference of the point estimates, a - b. */
  mean: number;
  /** 2.5% and 97.5% percentiles of the replicates' a - b. */
  low: number;
  high: number;
}

export function pairedInterval(draws: BootstrapDraws, a: string, b: string, metric: BootstrapMetric): BootstrapInterval {
  const va = draws.values[a][metric];
  const vb = draws.values[b][metric];
  const differences = new Float64Array(draws.replicates);
  let n = 0;
  for (let r = 0; r < draws.replicates; r++) if (!Number.isNaN(va[r] - vb[r])) differences[n++] = va[r] - vb[r];
  differences.subarray(0, n).sort();
  const kept = differences.subarray(0, n);
  return { mean: draws.point[a][metric] - draws.point[b][metric], low: percentile(kept, 0.025), high: percentile(kept, 0.975) };
}
