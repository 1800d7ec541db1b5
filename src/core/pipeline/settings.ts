// The settings of each pipeline stage. Plain JSON: they are hashed into stage keys, stored with
// every output and written into experiment reports.
import type { CandidateRule } from '../dasa/types';
import type { Grade } from '../data/schema';
import type { GptPresetName } from '../model/gpt';
import type { Shrinkage } from '../ood/mahalanobis';
import type { OccConfig } from '../training/step/losses';

/** How long a training stage runs: a number of optimisation steps, or passes over its data. */
export type TrainingLength = { steps: number } | { epochs: number };

export interface TrainingSettings {
  length: TrainingLength;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** Periodic checkpoint (for resuming an interrupted stage) every N steps; 0: only at the end. */
  checkpointEvery: number;
}

/** Where the pretrained model comes from: trained here on the dataset's text, or the one shipped for the preset. */
export type PretrainSource = 'here' | 'shipped';
export const PRETRAIN_SOURCES: readonly PretrainSource[] = ['here', 'shipped'];

export interface PretrainSettings extends TrainingSettings {
  preset: GptPresetName;
  /**
   * 'shipped': the preset's shipped model (public/models, docs/SHIPPED-MODELS.md) and its tokenizer,
   * and the other settings here are unused; absent means 'here'.
   */
  source?: PretrainSource;
  /** Tokenizer vocabulary (at least 512). */
  vocabSize: number;
  /** Share of the distinct texts held out for the LM check. */
  heldOutFraction: number;
  /** Also train on the relevance prompts of the corpus pairs (no grades used). */
  pairs: boolean;
  /** The model reads match channels and match features (model/match-signals.ts). */
  matchSignals: boolean;
  /** Source of the 'related' match channel (with matchSignals). */
  relatedWords: 'wordnet' | 'none';
  /**
   * Matched-vs-shuffled pairs beside the LM loss (needs pairs and matchSignals): what one decision
   * counts for, in LM tokens; 0 turns the objective off.
   */
  pairsWeight: number;
}

export interface ClassifierTrainingSettings extends TrainingSettings {
  loss: OccConfig;
  /** ID train rows used (a seeded sample; null: all). Annotated pool samples always come on top. */
  trainRows: number | null;
}

/**
 * The probe fitted as multinomial logistic regression on the head's frozen input features (the
 * pooled state, plus the match features when the model reads them), solved to convergence, with
 * the L2 strength chosen by NLL on ID val rows (src/core/probe). The probe's length, learning rate,
 * batch size and loss are then unused.
 */
export interface LogisticProbeSettings {
  /** L2 strengths tried, on standardised features (each > 0). */
  l2Grid: number[];
  /** ID val rows the strength is chosen on (a seeded sample, seed probe.seed; null: all). */
  valRows: number | null;
  /** Solver iterations per grid point at most. */
  maxIterations: number;
  /** Stop when the objective's largest gradient entry is below this. */
  gradientTolerance: number;
}

export interface ProbeSettings extends ClassifierTrainingSettings {
  /** Fit the head by logistic regression instead of AdamW steps; absent: AdamW. */
  logistic?: LogisticProbeSettings;
}

export interface DasaSettings {
  /** Quantile of the ID-val scores each threshold sits at (0.95 keeps 95% of ID val). */
  quantile: number;
  candidates: CandidateRule;
  weights: Record<string, number>;
  /** round(budgetFraction * ID train size) pool samples, unless `budget` is set. */
  budgetFraction: number;
  budget: number | null;
  maxCosine: number;
  centerFeatures: boolean;
  fillBelowThreshold: boolean;
  knnK: number;
  /** With a value, the kNN k is max(1, round(knnKFraction * fit rows)) instead of `knnK`; null: `knnK`. */
  knnKFraction: number | null;
  /** The most selected samples that share one query (null: no cap). */
  maxPerQuery: number | null;
  shrinkage: Shrinkage;
  /** ID train rows the detectors are fitted on (a seeded sample; null: all). */
  fitRows: number | null;
  /** ID val rows the thresholds are set on (a seeded sample; null: all). */
  valRows: number | null;
  /** Pool rows scored (a seeded sample; null: the whole pool). */
  poolRows: number | null;
  /** Seed of the samples above. */
  seed: number;
  batchSize: number;
}

export type AnnotatorSettings =
  | { kind: 'oracle' }
  | { kind: 'file'; fileName: string; text: string }
  | { kind: 'manual'; grades: Record<string, Grade> };

export type HoldoutUnit = 'sample' | 'query';
export const HOLDOUT_UNITS: readonly HoldoutUnit[] = ['sample', 'query'];

export interface AnnotateSettings {
  annotator: AnnotatorSettings;
  /** Share of the labelled selection kept out of fine-tuning to choose alpha (at least one sample when there are two or more). */
  holdoutFraction: number;
  /**
   * What the hold-out draws: single samples, or whole queries (every labelled sample of a drawn
   * query), so the samples that choose alpha share no query with those fine-tuned on.
   */
  holdoutBy: HoldoutUnit;
  seed: number;
}

export interface RandomSelectSettings {
  seed: number;
}

export interface InterpolateSettings {
  /** The alphas tried, theta = (1 - alpha) theta_start + alpha theta_FT. */
  alphas: number[];
  /** ID val rows used for choosing alpha (a seeded sample; null: all). */
  valRows: number | null;
  seed: number;
  batchSize: number;
}

export interface EvaluateSettings {
  /** ID train rows the Mahalanobis and kNN detectors are fitted on (a seeded sample; null: all). */
  fitRows: number | null;
  /** Rows of each test split evaluated (a seeded sample; null, the default: every test example). */
  testRows: number | null;
  /**
   * ID val rows the post-hoc temperature is fitted on (a seeded sample of its own; null: all). It
   * changes only the temperature-scaled metrics.
   */
  calibrationRows: number | null;
  knnK: number;
  /** With a value, the kNN k is max(1, round(knnKFraction * fit rows)) instead of `knnK`; null: `knnK`. */
  knnKFraction: number | null;
  shrinkage: Shrinkage;
  seed: number;
  batchSize: number;
  /**
   * ID val rows evaluated like the test splits (a seeded sample of its own), reported as the split
   * `val_id`, for choosing settings without reading a test split; absent or null: no val evaluation.
   */
  valRows?: number | null;
}

/**
 * dasa: DASA's picks. random: as many pool samples at random. uncertainty: the highest predictive
 * entropy under the probe. coreset: greedy k-center on DASA's features from ID train. random-ood:
 * at random among the pool samples with a shift tag (reads the generator's tags: an upper bound).
 */
export const POOL_SELECTIONS = ['dasa', 'random', 'uncertainty', 'coreset', 'random-ood'] as const;
export type PoolSelection = (typeof POOL_SELECTIONS)[number];
export type SelectionMode = PoolSelection | 'extra-id' | 'none';

export type FinetuneStart = 'probe' | 'pretrained';

/** One pipeline. Each switch is one of METHOD.md's ablations. */
export interface PipelineSettings {
  pretrain: PretrainSettings;
  /** Linear probing before fine-tuning; null: fine-tune straight from the pretrained model. */
  probe: ProbeSettings | null;
  /**
   * Which labels fine-tuning gets beyond its ID train rows: pool samples picked by DASA, or by a
   * baseline at DASA's count (SELECTION_MODES), as many more ID train rows as DASA's budget
   * ('extra-id'), or none.
   */
  selection: SelectionMode;
  /**
   * Where fine-tuning starts: the probe (absent: the probe when there is one) or the pretrained
   * model with its untrained head. Interpolation still starts from the probe when there is one.
   */
  finetuneStart?: FinetuneStart;
  dasa: DasaSettings;
  randomSelect: RandomSelectSettings;
  annotate: AnnotateSettings;
  finetune: ClassifierTrainingSettings;
  /** Weight interpolation after fine-tuning; null: evaluate the fine-tuned weights. */
  interpolate: InterpolateSettings | null;
  evaluate: EvaluateSettings;
}

/**
 * Optional settings, absent from the defaults (so the stage keys of the defaults stay as they
 * were): an override may set them although the defaults lack them.
 */
export const OPTIONAL_SETTING_PATHS: readonly string[] = ['settings.finetuneStart', 'settings.probe.logistic', 'settings.evaluate.valRows'];
