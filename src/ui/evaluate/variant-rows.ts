// The Evaluate screen's variants table from what is stored: every variant whose evaluation is stored
// for the page's settings, the page's own run marked, the variants still to run, and the overlap
// baseline's row (the engine's `pipelineBaselines`) beside them. Pure.
import type { PipelineBaselineResult, PipelineEvaluationView, PipelineVariantResult, Variant } from '../../engine/pipeline-types';
import type { VariantLookup } from '../lab/variant-runs';
import type { VariantResult } from './variant-summary';

export interface VariantRows {
  rows: VariantResult[];
  /** Variants with no evaluation stored for these settings, in the lookup's order. */
  missing: Variant[];
}

const seedOf = (seed: number, metrics: Pick<PipelineVariantResult, 'test_id' | 'test_ood'>) => ({ seed, id: metrics.test_id, ood: metrics.test_ood });

/**
 * Rows in the lookup's order (VARIANTS), then the overlap baseline's when given. The page's own run is the row of its variant when that
 * variant's stored evaluation is the page's (same evaluate key); otherwise (settings that are no
 * variant, `custom`, or results read for other settings) it is a row of its own, first.
 */
/** The overlap baseline's row name in the table. */
export const OVERLAP_BASELINE_ROW = 'overlap baseline';

export function variantRows(own: PipelineEvaluationView | null, seed: number, lookups: readonly VariantLookup[], overlap: PipelineBaselineResult | null = null): VariantRows {
  const isOwn = (entry: VariantLookup) => own !== null && entry.result !== null && entry.variant === own.variant && entry.result.stage.key === own.stage.key;
  const rows: VariantResult[] = lookups
    .filter((entry) => entry.result !== null)
    .map((entry) => ({ variant: entry.variant, seeds: [seedOf(seed, entry.result!)], ...(isOwn(entry) ? { own: true } : {}) }));
  if (own && !lookups.some(isOwn)) rows.unshift({ variant: own.variant, seeds: [seedOf(seed, own.record)], own: true });
  // The baseline has no model seed: one entry, the same whatever the page's seed.
  if (overlap) rows.push({ variant: OVERLAP_BASELINE_ROW, seeds: [seedOf(seed, overlap)], baseline: true });
  return { rows, missing: lookups.filter((entry) => entry.result === null).map((entry) => entry.variant) };
}
