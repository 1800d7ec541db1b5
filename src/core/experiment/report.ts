// The experiment report (report.json): config, results[variant][seed] with every test metric,
// OOD detection, the ID-OOD gap, DASA statistics, the interpolation sweep, seconds per stage and
// which stage outputs were reused; then the mean and spread over seeds; and the classical baselines
// (overlap, bag-of-words) fitted on train, the bar every variant is compared with.
import type { BaselineName, BaselineResult } from '../baseline/baselines';
import type { SelectionResult } from '../dasa/types';
import type { OodDetectionReport } from '../metrics/ood-detection';
import type { SplitMetrics } from '../metrics/evaluate-split';
import type { TagMetrics } from '../metrics/by-tag';
import type { TemperatureScaledScores } from '../metrics/temperature-scaling';
import type { PipelineSettings } from '../pipeline/settings';
import type { PipelineStage } from '../pipeline/stage';
import type { OodDetector, TestSplit } from '../pipeline/stages/evaluate';
import type { SweepPoint } from '../pipeline/stages/interpolate';
import type { ClaimResult, PairedDifference, ShiftDifference } from './paired-differences';
import type { SeedStat } from './stats';
import type { Variant } from './variants';

export const REPORT_FORMAT = 'relevance-lab/experiment-report';
export const REPORT_VERSION = 1;

/** Scalar metrics averaged over seeds (names as in docs/METRICS.md). */
export const SUMMARY_METRICS = ['accuracy', 'macro_f1', 'qwk', 'ece', 'auc', 'ndcg@5', 'ndcg@10', 'mrr', 'precision@5', 'precision@10'] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];
/**
 * Every scalar of a split the summary averages: SUMMARY_METRICS (the shipped reference's list) and
 * the proper scores and random-ranking nDCG that came later (null means in older reports).
 */
export const SPLIT_SUMMARY_METRICS = [...SUMMARY_METRICS, 'nll', 'brier', 'random_ndcg@5', 'random_ndcg@10'] as const;
export type SplitSummaryMetric = (typeof SPLIT_SUMMARY_METRICS)[number];

/** computed: by this variant in this run; shared: computed by another variant in this run; stored: found from an earlier run. */
export type ReuseStatus = 'computed' | 'shared' | 'stored';

export interface StageUse {
  key: string;
  status: ReuseStatus;
  /** "variant/seedN" that computed it in this run (shared) or this variant (computed); null when stored earlier. */
  computed_by: string | null;
  /** Seconds the stage took when it was computed. */
  seconds: number;
  resumed_from_step: number | null;
}

export interface DasaSummary {
  method: SelectionResult['method'];
  annotator: string;
  stats: SelectionResult['stats'];
  thresholds: SelectionResult['thresholds'];
  settings: SelectionResult['settings'];
  /** Selected pool ids in selection order, and how their grades came out. */
  selected: string[];
  grades: [number, number, number];
  finetune: number;
  holdout: number;
  /** Run store record with every pool sample's scores, ranks and flags. */
  record: string;
}

export interface VariantSeedResult extends Record<TestSplit, SplitMetrics> {
  ood: Record<OodDetector, OodDetectionReport>;
  id_ood_gap: { macro_f1: number };
  /** Post-hoc temperature fitted on ID val, and each test split's ECE, NLL and Brier after it (absent in older reports). */
  temperature_scaled?: Record<TestSplit, TemperatureScaledScores>;
  /** OOD test per shift tag (absent in older reports). */
  test_ood_by_shift?: Record<string, TagMetrics>;
  /** ID val evaluated like the test splits (only with settings.evaluate.valRows). */
  val_id?: SplitMetrics;
  dasa: DasaSummary | null;
  interpolation: { alpha: number; criterion: string; sweep: SweepPoint[] } | null;
  /** Seconds of each stage of this variant's pipeline (reused stages: when they were computed). */
  seconds: Partial<Record<PipelineStage, number>>;
  stages: Partial<Record<PipelineStage, StageUse>>;
}

export interface VariantSummary extends Record<TestSplit, Record<SplitSummaryMetric, SeedStat>> {
  ood: Record<OodDetector, { auroc: SeedStat; fpr95: SeedStat; fpr_at_95_tpr_id: SeedStat }>;
  id_ood_gap: { macro_f1: SeedStat };
  alpha: SeedStat;
  temperature_scaled: Record<TestSplit, Record<keyof TemperatureScaledScores, SeedStat>>;
  /** Per shift tag over the seeds that have it. */
  test_ood_by_shift: Record<string, Record<keyof TagMetrics, SeedStat>>;
  /** Over the seeds evaluated on ID val (only with settings.evaluate.valRows). */
  val_id?: Record<SplitSummaryMetric, SeedStat>;
}

export interface ReuseEntry {
  stage: PipelineStage;
  key: string;
  computed_by: string | null;
  status: 'computed' | 'stored';
  used_by: string[];
}

/**
 * A classical baseline fitted on train (nothing else) and scored on both test splits with the
 * variants' metric functions. It has no model seed: the same for every seed of the report.
 */
export interface ReportBaseline extends BaselineResult {
  description: string;
}

export interface ExperimentReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  createdAt: string;
  config: {
    data: { source: string; fingerprint: string; examples: Record<string, number>; pool_gold: boolean };
    preset: string;
    budget: string;
    seeds: number[];
    variants: Variant[];
    backend: string | null;
    /** Threads each training step and inference batch split over (src/core/parallel); absent in older reports. */
    training_threads?: number | null;
    variant_descriptions: Record<string, string>;
    /** Each variant's settings for the first seed; the other seeds change only the `seed` fields. */
    settings: Record<string, PipelineSettings>;
  };
  /** results[variant][seed]: seeds are keys like "1". */
  results: Record<string, Record<string, VariantSeedResult>>;
  summary: Record<string, VariantSummary>;
  /** The overlap and bag-of-words baselines on this data (absent in reports made before they came). */
  baselines?: Record<BaselineName, ReportBaseline>;
  /**
   * Paired bootstrap intervals (over seeds and test queries) of variant differences, and the claims
   * they decide (paired-differences.ts; absent in older reports and in merged ones until `report` runs).
   */
  pairedDifferences?: PairedDifference[];
  claims?: ClaimResult[];
  /** The same paired bootstrap on the OOD test rows of each shift tag (macro-F1 and ECE). */
  pairedDifferencesByShift?: ShiftDifference[];
  /** Every stage output used, who computed it and which variant/seed pipelines used it. */
  reuse: ReuseEntry[];
  seconds: {
    wall: number;
    /** Stages computed in this run, summed by stage (each shared output counted once). */
    computed_by_stage: Partial<Record<PipelineStage, number>>;
    /**
     * Every stage output the report uses, summed by stage (each shared output counted once), with
     * the seconds it took when it was computed, in this run or an earlier one: the cost of the
     * whole experiment from an empty store.
     */
    by_stage: Partial<Record<PipelineStage, number>>;
    /** The same as by_stage per seed (an output shared across seeds counts for the first seed using it). */
    per_seed: Record<string, Partial<Record<PipelineStage, number>>>;
  };
}
