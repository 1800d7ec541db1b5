// Shapes of DASA inputs and results. Scores follow the lab's convention: higher = more OOD.
import type { Matrix } from '../ood/matrix';

/** One detector's scores on ID validation and on the pool (pool scores in poolIds order). */
export interface DetectorScores {
  val: ArrayLike<number>;
  pool: ArrayLike<number>;
}

/** `combined`: combined score above its threshold; `any` / `all`: any / every detector above its own threshold. */
export type CandidateRule = 'combined' | 'any' | 'all';

export interface ScoringOptions {
  /** ID-validation quantile each threshold sits at; 0.95 keeps 95% of ID val as in-distribution. */
  quantile?: number;
  /** Weight of each detector in the combined rank; 1 for every detector not named. */
  weights?: Readonly<Record<string, number>>;
  candidates?: CandidateRule;
}

export interface BudgetOptions {
  /** Samples to select; when absent, round(budgetFraction * trainSize). */
  budget?: number;
  trainSize?: number;
  /** Default 0.05. */
  budgetFraction?: number;
}

export interface DasaOptions extends ScoringOptions, BudgetOptions {
  /** A candidate whose cosine similarity to an already selected sample exceeds this is skipped. Default 0.95. */
  maxCosine?: number;
  /** Subtract the pool's mean feature before the cosine check (default true; see docs/OOD.md). */
  centerFeatures?: boolean;
  /** When the candidates run out before the budget, continue down the combined ranking below the threshold. Default false. */
  fillBelowThreshold?: boolean;
}

export interface ScoredPoolInput {
  poolIds: readonly string[];
  /** Detector name -> scores. At least one detector. */
  scores: Readonly<Record<string, DetectorScores>>;
  /** Shift tags per pool id (Example.tags); a sample with any tag counts as OOD-tagged in the stats. */
  tags?: ReadonlyMap<string, readonly string[]>;
}

export interface DasaInput extends ScoredPoolInput {
  /** Pool features, one row per pool id, for the diversity rule. */
  poolFeatures: Matrix;
}

export interface Thresholds {
  quantile: number;
  perDetector: Record<string, number>;
  combined: number;
  /** Fraction of ID val at or below each detector's threshold (kept as in-distribution). */
  idValKept: Record<string, number>;
}

export interface SampleRecord {
  id: string;
  scores: Record<string, number>;
  /** Weighted mean of the detectors' normalised ranks over ID val + pool, in [0, 1] (NaN for a random selection without scores). */
  combined: number;
  /** 1 = highest combined score in the pool (NaN for a random selection without scores). */
  rank: number;
  /** Candidate under the chosen rule. */
  aboveThreshold: boolean;
  /** Per detector: score above that detector's threshold. */
  aboveDetectorThreshold: Record<string, boolean>;
  selected: boolean;
  /** 0-based position in `selected`, or null. */
  selectionOrder: number | null;
  /** When skipped by the diversity rule: the selected sample it nearly duplicates. */
  nearDuplicateOf: string | null;
}

export interface SelectionStats {
  pool: number;
  candidates: number;
  budget: number;
  selected: number;
  /** budget - selected (candidates ran out, or the pool is smaller than the budget). */
  shortfall: number;
  skippedNearDuplicates: number;
  /** Fractions of OOD-tagged samples, when tags were given; null otherwise. */
  oodTagged: { pool: number; candidates: number; selected: number } | null;
}

/** dasa; random (darl-no-dasa); the selection baselines: uncertainty, coreset, random-ood. */
export type SelectionMethod = 'dasa' | 'random' | 'uncertainty' | 'coreset' | 'random-ood';

export interface SelectionResult {
  method: SelectionMethod;
  /** Pool ids in selection order. */
  selected: string[];
  perSample: SampleRecord[];
  /** Null for a random selection without detector scores. */
  thresholds: Thresholds | null;
  stats: SelectionStats;
  /** The settings in effect after defaults. */
  settings: Record<string, unknown>;
}
