// The variants-side-by-side table's numbers: each variant's metric over its seeds as mean and spread,
// and which variant is best in each column. Pure, so the table component only renders.
import { seedStat } from '../../core/experiment/stats';
import type { SplitMetrics } from '../../core/metrics';

/** The scalar metrics a column can show (from evaluateSplit). */
export type ScalarMetric = 'accuracy' | 'macro_f1' | 'qwk' | 'ece' | 'auc' | 'ndcg@5' | 'ndcg@10' | 'mrr' | 'precision@5' | 'precision@10';
export type MetricSet = Partial<Pick<SplitMetrics, ScalarMetric>>;

export interface SeedResult {
  seed: number;
  /** Metrics on the ID test split. */
  id: MetricSet;
  /** Metrics on the OOD test split. */
  ood: MetricSet;
}

export interface VariantResult {
  /** Variant key: ce-ft, darl, darl-no-occ, ... */
  variant: string;
  seeds: SeedResult[];
  /** The page's own pipeline run (marked in the table). */
  own?: boolean;
  /** A classical baseline (no model seed), shown beside the variants. */
  baseline?: boolean;
}

export interface VariantColumn {
  /** `id`, `ood`, or `gap` (ID minus OOD, idOodGap's definition). */
  split: 'id' | 'ood' | 'gap';
  metric: ScalarMetric;
  label: string;
  better: 'higher' | 'lower';
}

export const DEFAULT_COLUMNS: readonly VariantColumn[] = [
  { split: 'id', metric: 'macro_f1', label: 'ID macro-F1', better: 'higher' },
  { split: 'ood', metric: 'macro_f1', label: 'OOD macro-F1', better: 'higher' },
  { split: 'gap', metric: 'macro_f1', label: 'ID-OOD gap (macro-F1)', better: 'lower' },
  { split: 'id', metric: 'accuracy', label: 'ID accuracy', better: 'higher' },
  { split: 'ood', metric: 'accuracy', label: 'OOD accuracy', better: 'higher' },
  { split: 'ood', metric: 'qwk', label: 'OOD qwk', better: 'higher' },
  { split: 'id', metric: 'ece', label: 'ID ECE', better: 'lower' },
  { split: 'ood', metric: 'ece', label: 'OOD ECE', better: 'lower' },
  { split: 'ood', metric: 'ndcg@10', label: 'OOD nDCG@10', better: 'higher' },
];

export interface Summary {
  mean: number;
  /** Sample standard deviation (n - 1); null with a single seed. */
  std: number | null;
  /** Seeds that had a value. */
  n: number;
}

/** Mean and sample standard deviation of the finite values; null when there is none. */
export function summarise(values: readonly (number | null | undefined)[]): Summary | null {
  const { mean, std, n } = seedStat(values);
  return mean === null ? null : { mean, std, n };
}

function seedValue(seed: SeedResult, column: VariantColumn): number | null {
  if (column.split === 'gap') {
    const id = seed.id[column.metric];
    const ood = seed.ood[column.metric];
    return typeof id === 'number' && typeof ood === 'number' ? id - ood : null;
  }
  return seed[column.split][column.metric] ?? null;
}

export interface SummaryCell {
  summary: Summary | null;
  best: boolean;
}

export interface SummaryRow {
  variant: string;
  own: boolean;
  baseline: boolean;
  seeds: number;
  cells: SummaryCell[];
}

/** One row per variant, one cell per column; the best mean of each column is marked (every variant tied with it too). */
export function summariseVariants(variants: readonly VariantResult[], columns: readonly VariantColumn[]): SummaryRow[] {
  const rows: SummaryRow[] = variants.map((variant) => ({
    variant: variant.variant,
    own: variant.own === true,
    baseline: variant.baseline === true,
    seeds: variant.seeds.length,
    cells: columns.map((column) => ({ summary: summarise(variant.seeds.map((seed) => seedValue(seed, column))), best: false })),
  }));
  columns.forEach((column, c) => {
    const means = rows.map((row) => row.cells[c].summary?.mean).filter((mean): mean is number => mean !== undefined);
    if (means.length < 2) return;
    const best = column.better === 'higher' ? Math.max(...means) : Math.min(...means);
    const tolerance = 1e-12 * Math.max(1, Math.abs(best));
    for (const row of rows) {
      const mean = row.cells[c].summary?.mean;
      if (mean !== undefined && Math.abs(mean - best) <= tolerance) row.cells[c].best = true;
    }
  });
  return rows;
}
