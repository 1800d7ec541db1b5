// What the Evaluate screen shows of the shipped reference run (src/core/experiment/reference-run.ts):
// its heading, its rows for the variants table, and a sentence setting the page's own run beside the
// reference's same variant. Pure.
import type { PipelineEvaluationView } from '../../engine/pipeline-types';
import type { ReferenceMetrics, ReferenceRun } from '../../core/experiment/reference-run';
import { formatMetric } from '../format-metric';
import { OVERLAP_BASELINE_ROW } from './variant-rows';
import { summarise, type MetricSet, type VariantResult } from './variant-summary';

export function referenceTitle(reference: ReferenceRun): string {
  const seeds = reference.seeds.length;
  return `Reference: ${reference.budget} budget, ${seeds} ${seeds === 1 ? 'seed' : 'seeds'}`;
}

/** An undefined metric (null) is left out, so it counts as missing in the mean. */
function metricSet(metrics: ReferenceMetrics): MetricSet {
  return Object.fromEntries(Object.entries(metrics).filter(([, value]) => typeof value === 'number'));
}

/** The variants in the report's order, then its baselines (seedless rows, named as on the page's own table). */
export function referenceRows(reference: ReferenceRun): VariantResult[] {
  const variants = reference.variants.map((variant) => ({
    variant: variant.variant,
    seeds: variant.seeds.map((seed) => ({ seed: seed.seed, id: metricSet(seed.id), ood: metricSet(seed.ood) })),
  }));
  const baselines = reference.baselines.map((baseline) => ({
    variant: baseline.name === 'overlap' ? OVERLAP_BASELINE_ROW : `${baseline.name} baseline`,
    seeds: [{ seed: 0, id: metricSet(baseline.id), ood: metricSet(baseline.ood) }],
    baseline: true,
  }));
  return [...variants, ...baselines];
}

/** The page's own evaluated run, as far as the comparison needs it. */
export interface OwnRun {
  variant: string;
  idMacroF1: number;
  oodMacroF1: number;
}

export function ownRun(evaluation: PipelineEvaluationView | null): OwnRun | null {
  return evaluation ? { variant: evaluation.variant, idMacroF1: evaluation.record.test_id.macro_f1, oodMacroF1: evaluation.record.test_ood.macro_f1 } : null;
}

function meanAndSpread(values: readonly (number | null | undefined)[]): string {
  const stat = summarise(values);
  if (!stat) return formatMetric(null);
  return stat.std === null ? formatMetric(stat.mean) : `${formatMetric(stat.mean)} ± ${formatMetric(stat.std)}`;
}

/** "This page's run (darl): ID 0.695, OOD 0.501 macro-F1; the reference's darl: ID 0.709 ± 0.032, OOD 0.473 ± 0.047." */
export function ownBesideReference(reference: ReferenceRun, own: OwnRun | null): string | null {
  if (!own) return null;
  const mine = `This page's run (${own.variant}): ID ${formatMetric(own.idMacroF1)}, OOD ${formatMetric(own.oodMacroF1)} macro-F1`;
  const same = reference.variants.find((variant) => variant.variant === own.variant);
  if (!same) return `${mine}; the reference has no ${own.variant} run to set beside it.`;
  const id = meanAndSpread(same.seeds.map((seed) => seed.id.macro_f1));
  const ood = meanAndSpread(same.seeds.map((seed) => seed.ood.macro_f1));
  return `${mine}; the reference's ${own.variant}: ID ${id}, OOD ${ood}.`;
}
