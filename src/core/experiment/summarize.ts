// Turns one variant/seed pipeline into its report entry, the entries into mean +/- std, and says
// whether each variant beats a baseline.
import type { Grade } from '../data/schema';
import type { PipelineStageRuns } from '../pipeline/pipeline';
import { PIPELINE_STAGES, stageName } from '../pipeline/stage';
import { OOD_DETECTORS, TEST_SPLITS } from '../pipeline/stages/evaluate';
import type { DasaSummary, ExperimentReport, ReportBaseline, SplitSummaryMetric, StageUse, VariantSeedResult, VariantSummary } from './report';
import { SPLIT_SUMMARY_METRICS } from './report';
import { meanInterval, seedStat, type MeanInterval } from './stats';

function dasaSummary(runs: PipelineStageRuns): DasaSummary | null {
  const annotate = runs.annotate;
  const source = runs['baseline-select'] ?? runs['random-select'] ?? runs.dasa;
  if (!annotate || !source) return null;
  const { selection } = source.record;
  const grades: [number, number, number] = [0, 0, 0];
  for (const grade of Object.values(annotate.record.grades) as Grade[]) grades[grade] += 1;
  return {
    method: selection.method,
    annotator: annotate.record.annotator,
    stats: selection.stats,
    thresholds: selection.thresholds,
    settings: selection.settings,
    selected: selection.selected,
    grades,
    finetune: annotate.record.finetuneIds.length,
    holdout: annotate.record.holdoutIds.length,
    record: stageName(source.stage, source.key),
  };
}

export function seedResult(runs: PipelineStageRuns, uses: Partial<Record<string, StageUse>>): VariantSeedResult {
  const evaluation = runs.evaluate.record;
  const seconds: VariantSeedResult['seconds'] = {};
  const stages: VariantSeedResult['stages'] = {};
  for (const stage of PIPELINE_STAGES) {
    const run = runs[stage];
    if (!run) continue;
    seconds[stage] = run.seconds;
    stages[stage] = uses[stage];
  }
  const interpolate = runs.interpolate?.record;
  return {
    test_id: evaluation.test_id,
    test_ood: evaluation.test_ood,
    ood: evaluation.ood,
    id_ood_gap: evaluation.id_ood_gap,
    temperature_scaled: evaluation.temperature_scaled,
    test_ood_by_shift: evaluation.test_ood_by_shift,
    ...(evaluation.val_id ? { val_id: evaluation.val_id } : {}),
    dasa: dasaSummary(runs),
    interpolation: interpolate ? { alpha: interpolate.alpha, criterion: interpolate.criterion, sweep: interpolate.sweep } : null,
    seconds,
    stages,
  };
}

const SCALED_SCORES = ['T', 'ece', 'nll', 'brier'] as const;
const TAG_METRICS = ['n', 'accuracy', 'macro_f1'] as const;

function shiftStats(results: readonly VariantSeedResult[]): VariantSummary['test_ood_by_shift'] {
  const tags = [...new Set(results.flatMap((r) => Object.keys(r.test_ood_by_shift ?? {})))].sort();
  return Object.fromEntries(
    tags.map((tag) => [tag, Object.fromEntries(TAG_METRICS.map((key) => [key, seedStat(results.map((r) => r.test_ood_by_shift?.[tag]?.[key]))]))]),
  ) as VariantSummary['test_ood_by_shift'];
}

export function summarizeSeeds(results: readonly VariantSeedResult[]): VariantSummary {
  const metricStats = (split: 'test_id' | 'test_ood' | 'val_id') =>
    Object.fromEntries(SPLIT_SUMMARY_METRICS.map((metric) => [metric, seedStat(results.map((r) => r[split]?.[metric]))])) as Record<SplitSummaryMetric, ReturnType<typeof seedStat>>;
  return {
    ...(Object.fromEntries(TEST_SPLITS.map((split) => [split, metricStats(split)])) as Record<'test_id' | 'test_ood', Record<SplitSummaryMetric, ReturnType<typeof seedStat>>>),
    ood: Object.fromEntries(
      OOD_DETECTORS.map((detector) => [
        detector,
        {
          auroc: seedStat(results.map((r) => r.ood[detector].auroc)),
          fpr95: seedStat(results.map((r) => r.ood[detector].fpr95)),
          fpr_at_95_tpr_id: seedStat(results.map((r) => r.ood[detector].fpr_at_95_tpr_id)),
        },
      ]),
    ) as VariantSummary['ood'],
    id_ood_gap: { macro_f1: seedStat(results.map((r) => r.id_ood_gap.macro_f1)) },
    alpha: seedStat(results.map((r) => r.interpolation?.alpha ?? null)),
    temperature_scaled: Object.fromEntries(
      TEST_SPLITS.map((split) => [split, Object.fromEntries(SCALED_SCORES.map((key) => [key, seedStat(results.map((r) => r.temperature_scaled?.[split][key]))]))]),
    ) as VariantSummary['temperature_scaled'],
    test_ood_by_shift: shiftStats(results),
    ...(results.some((r) => r.val_id) ? { val_id: metricStats('val_id') } : {}),
  };
}

export interface BaselineVerdict {
  /** The variant's mean over seeds, and the baseline's value (it has no seed). */
  variant: number | null;
  baseline: number;
  /** The mean is above the baseline. */
  beats: boolean;
  /** Seeds whose value is above the baseline, of `seeds`. */
  seedsBeating: number;
  seeds: number;
  /** Variant minus baseline over seeds, with its 95% t-interval (null with fewer than two seeds). */
  difference: MeanInterval | null;
}

/** For each variant, whether it beats the baseline on ID and on OOD test macro-F1. */
export function baselineVerdicts(report: Pick<ExperimentReport, 'config' | 'results' | 'summary'>, baseline: Pick<ReportBaseline, 'test_id' | 'test_ood'>): Record<string, Record<'test_id' | 'test_ood', BaselineVerdict>> {
  const verdict = (variant: string, split: 'test_id' | 'test_ood'): BaselineVerdict => {
    const target = baseline[split].macro_f1;
    const mean = report.summary[variant][split].macro_f1.mean;
    const values = Object.values(report.results[variant]).map((result) => result[split].macro_f1);
    return {
      variant: mean, baseline: target, beats: mean !== null && mean > target, seedsBeating: values.filter((value) => value > target).length, seeds: values.length,
      difference: meanInterval(values.map((value) => value - target)),
    };
  };
  return Object.fromEntries(report.config.variants.map((variant) => [variant, { test_id: verdict(variant, 'test_id'), test_ood: verdict(variant, 'test_ood') }]));
}
