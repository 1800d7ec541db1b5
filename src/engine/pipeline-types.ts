// The engine's pipeline methods: the DaRL pipeline (src/core/pipeline) on a stored dataset, its stage
// outputs kept in the lab's IndexedDB through the IndexedDB run store, one stage or all of them at a
// time, and the stored results read back for the page. Types only: the page imports this file
// without loading tfjs.
import type { BaselineName } from '../core/baseline/baselines';
import type { AnnotateRecord, DasaRecord, EvaluateRecord, InterpolateRecord, PipelineBudget, PipelineSettings, PipelineStage } from '../core/pipeline';
import type { SettingsOverrides } from '../core/experiment/overrides';
import type { Variant } from '../core/experiment/variants';
import type { Example, Grade } from '../core/data/schema';
import type { GptPresetName } from '../core/model/gpt';
import type { DownloadFile } from './download-file';
import type { ProgressCallback } from '../core/job/progress';

export type { AnnotateRecord, DasaRecord, EvaluateRecord, InterpolateRecord, PipelineBudget, PipelineSettings, PipelineStage, SettingsOverrides, Variant };

/** Which pipeline: a stored dataset and the settings (the preset's defaults with overrides laid over them). */
export interface PipelineRequest {
  datasetId: string;
  /** Default `small`. */
  preset?: GptPresetName;
  /** Seed of every stage (initialisation, data order, samples); default 1. */
  seed?: number;
  /** Default `full` (src/core/pipeline/defaults.ts). */
  budget?: PipelineBudget;
  /** Partial settings in the shape of PipelineSettings; an unknown key is refused with its path. */
  settings?: SettingsOverrides;
  /**
   * An experiment variant (src/core/experiment/variants.ts) applied to the settings above, as the
   * command line's `run` does; none (the default) runs the settings as they are. A variant's job
   * keeps its run as `pipeline/<dataset id>/<variant>`, apart from the page's own.
   */
  variant?: Variant;
}

export type ResolvedPipelineRequest = Required<Omit<PipelineRequest, 'variant'>> & Pick<PipelineRequest, 'variant'>;

/** One stage output of this pipeline, stored in the run store. */
export interface PipelineStageInfo {
  stage: PipelineStage;
  key: string;
  /** Its name in the run store: the run id (and checkpoint id) in the lab's storage. */
  name: string;
  /** computed: by the call that returned it; stored: found from an earlier run. */
  status: 'computed' | 'stored';
  seconds: number;
  finishedAt: string;
  hasCheckpoint: boolean;
  resumedFromStep: number | null;
  /** One line: what the stage did. */
  summary: string;
}

export type PipelineRunStatus = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** The last pipeline job on a dataset, kept as the run `pipeline/<dataset id>` (the Runs screen lists it). */
export interface PipelineRunRecord {
  id: string;
  kind: 'pipeline-run';
  name: string;
  datasetId: string;
  datasetName: string;
  request: ResolvedPipelineRequest;
  /** The last stage the job computed up to. */
  until: PipelineStage;
  /** `interrupted`: stored as running, but no job runs it (the page was closed or reloaded). */
  status: PipelineRunStatus;
  error: { name: string; message: string } | null;
  stages: PipelineStageInfo[];
  /** The checkpoints of its stages. */
  checkpointIds: string[];
  /** The run records it is made of: its stages' records and the DASA picture (absent before they were linked). */
  recordIds?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface PipelineStatus {
  datasetId: string;
  datasetName: string;
  request: ResolvedPipelineRequest;
  settings: PipelineSettings;
  /** The stages these settings have, in order (no probe without LP, no interpolation without WI...). */
  planned: PipelineStage[];
  /** The stages stored for exactly these settings and this data, in order, up to the first missing one. */
  stages: PipelineStageInfo[];
  /** Whether the pool has hidden gold grades (the oracle annotator and revealing need them). */
  poolHasGold: boolean;
  lastRun: PipelineRunRecord | null;
}

/** PCA of the pooled features DASA used: ID train (fit rows) and the pool, on the same two axes. */
export interface DasaProjection {
  /** x, y pairs of the ID train rows the detectors were fitted on. */
  idPoints: number[];
  /** The ids of those rows, in idPoints order (absent from pictures stored before they were kept). */
  idIds?: string[];
  /** x, y pairs of the pool rows, in poolIds order. */
  poolPoints: number[];
  poolIds: string[];
  explainedRatio: [number, number];
  converged: boolean;
}

/** What the DASA views show of a pool sample: text and shift tags, never its hidden grade. */
export type PoolSampleText = Pick<Example, 'id' | 'query' | 'item' | 'tags'>;

export interface PipelineDasaView {
  stage: PipelineStageInfo;
  record: DasaRecord;
  /** The selected samples in selection order. */
  samples: PoolSampleText[];
  /** Null when the picture was not made (DASA computed elsewhere, e.g. by the command line). */
  projection: DasaProjection | null;
  annotation: { stage: PipelineStageInfo; record: AnnotateRecord } | null;
}

/** What the DASA picture tells about one point on hover and colours it by. */
export interface DasaPoint {
  id: string;
  query: string;
  title: string;
  /** ID train: the gold grade; pool: the annotate stage's grade, else null (pool grades stay hidden). */
  grade: Grade | null;
  tags: string[];
}

/** The points of the stored DASA picture, in its order: ID train (idIds) and the pool (poolIds). */
export interface DasaPoints {
  id: DasaPoint[];
  pool: DasaPoint[];
}

export type EvaluationFile = 'predictions' | 'report';
export type EvaluationFormat = 'csv' | 'json';

export interface PipelineInterpolationView {
  stage: PipelineStageInfo;
  record: InterpolateRecord;
}

export interface PipelineEvaluationView {
  stage: PipelineStageInfo;
  /** Every metric; the per-example predictions stay in the store. */
  record: Omit<EvaluateRecord, 'predictions'>;
  /** The variant these settings are (`darl` or an ablation), or `custom`. */
  variant: string;
}

/** The scalar metrics of one test split (per-class scores, confusion matrix and reliability bins left out). */
export type ScalarSplitMetrics = Omit<EvaluateRecord['test_id'], 'per_class' | 'confusion_matrix' | 'reliability'>;

/** A variant's stored evaluation for a request's settings (`pipelineVariantResults`). */
export interface PipelineVariantResult {
  variant: Variant;
  /** Its evaluate stage (the key tells when two variants evaluated the same model). */
  stage: PipelineStageInfo;
  test_id: ScalarSplitMetrics;
  test_ood: ScalarSplitMetrics;
  id_ood_gap: EvaluateRecord['id_ood_gap'];
}

/** A classical baseline on a dataset (src/core/baseline/baselines.ts): fitted on its train split only. */
export interface PipelineBaselineResult {
  description: string;
  test_id: ScalarSplitMetrics;
  test_ood: ScalarSplitMetrics;
  id_ood_gap: { macro_f1: number };
  /** Seconds the engine took to fit it and score both test splits (when it was computed). */
  seconds: number;
}

/** The baselines of a dataset (`pipelineBaselines`): no model seed, no settings, only the data. */
export interface PipelineBaselines {
  datasetId: string;
  /** The data's fingerprint (PipelineData): the baselines change only when it does. */
  fingerprint: string;
  baselines: Record<BaselineName, PipelineBaselineResult>;
}

/** Everything stored for one pipeline: read after a run, or after a reload. */
export interface PipelineResults {
  status: PipelineStatus;
  dasa: PipelineDasaView | null;
  interpolation: PipelineInterpolationView | null;
  evaluation: PipelineEvaluationView | null;
}

export interface PipelineEngine {
  /** The settings a preset starts from (src/core/pipeline/defaults.ts). */
  pipelineDefaults(preset: GptPresetName, options?: { seed?: number; budget?: PipelineBudget }): Promise<PipelineSettings>;
  /**
   * Runs the pipeline up to `stage` as the engine's job: the stages before it that are stored for
   * these settings are reused, the missing ones computed; an interrupted training stage resumes.
   * Progress events name the stage (`pretrain`, `probe-features`, `probe`, `dasa-features`,
   * `finetune`, `interpolate`, `evaluate`). Pause, resume and cancel act within a step or batch.
   */
  runPipelineStage(request: PipelineRequest, stage: PipelineStage, onProgress?: ProgressCallback): Promise<PipelineResults>;
  /** Every stage: pretrain, probe, DASA, annotate, fine-tune, interpolate, evaluate. */
  runPipelineAll(request: PipelineRequest, onProgress?: ProgressCallback): Promise<PipelineResults>;
  /** What is stored for these settings, without computing anything. */
  pipelineResults(request: PipelineRequest): Promise<PipelineResults>;
  /**
   * For each variant (default: all six, in VARIANTS order) of the request's settings, its stored
   * evaluation, or null when its evaluate stage is not stored. Computes nothing; `request.variant` is ignored.
   */
  pipelineVariantResults(request: PipelineRequest, variants?: readonly Variant[]): Promise<{ variant: Variant; result: PipelineVariantResult | null }[]>;
  /**
   * The classical baselines (overlap, bag-of-words) fitted on the dataset's train split and scored on
   * test_id and test_ood with the variants' metrics, computed here in the engine (a few seconds on
   * the default data) and kept for the dataset while it is unchanged. Not a job: computes at once.
   */
  pipelineBaselines(datasetId: string): Promise<PipelineBaselines>;
  /**
   * The stored evaluation of these settings as a file: `predictions` (each test example's split, id,
   * text, tags, gold and predicted grade and probabilities) or `report` (every metric and what was
   * evaluated), as CSV or JSON. Written here in the engine; refused by name when nothing is stored.
   */
  exportPipelineEvaluation(request: PipelineRequest, file: EvaluationFile, format: EvaluationFormat): Promise<DownloadFile>;
  /** Text, grade and shift tags of every point of the stored DASA picture; null when no picture is stored, or one stored without the ID rows' ids. */
  pipelineDasaPoints(request: PipelineRequest): Promise<DasaPoints | null>;
  /** The hidden gold grade of a pool sample (null when the dataset has none): the oracle, one sample at a time. */
  revealPoolGrade(datasetId: string, id: string): Promise<Grade | null>;
}
