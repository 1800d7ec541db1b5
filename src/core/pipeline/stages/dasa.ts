// Stage 2, DASA: pooled features of ID train, ID val and the unlabeled pool from the current
// model; Mahalanobis and kNN scores; thresholds at an ID-val quantile, rank combination, a budget
// and the diversity rule (src/core/dasa). Every score is kept in the record.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import type { ModelCheckpoint } from '../../checkpoint/types';
import { selectDasa } from '../../dasa/select';
import type { SelectionResult } from '../../dasa/types';
import type { Example } from '../../data/schema';
import type { Matrix } from '../../ood/matrix';
import { scoreFeatureSets, type FeatureScores } from '../../ood/score-sets';
import { sampleExamples, type PipelineData } from '../data';
import { PipelineInputError } from '../errors';
import { inferExamples, pooledMatrix, withModel } from '../model-io';
import { RowProgress } from '../progress';
import type { DasaSettings } from '../settings';
import type { StageOutput, StageThreads } from '../stage';

export interface DasaRecord {
  selection: SelectionResult;
  /** Each detector's scores on the ID val rows (in `valIds` order); the pool's are in selection.perSample. */
  valScores: Record<string, number[]>;
  valIds: string[];
  fitted: FeatureScores<string>['fitted'];
  rows: { fit: number; val: number; pool: number };
}

/** The pooled features DASA computed, with the ids of their rows (fit rows are ID train). */
export interface DasaFeatures {
  fit: Matrix;
  fitIds: string[];
  val: Matrix;
  pool: Matrix;
  poolIds: string[];
}

export interface DasaInputs extends StageThreads {
  data: PipelineData;
  /** The model whose backbone gives the features (the probed model). */
  model: ModelCheckpoint;
  /** Handed the features once computed (a picture of them, say); they are not part of the record. */
  onFeatures?: (features: DasaFeatures) => void | Promise<void>;
}

export function requirePool(data: PipelineData): void {
  if (data.pool.length === 0) {
    throw new PipelineInputError('DASA needs an unlabeled pool, and this dataset has none (pool.jsonl is missing or empty). Import with a pool share above 0, or run only the ce-ft variant.', {});
  }
}

/** The rows DASA computes features of: seeded samples of ID train (the detectors' fit rows), ID val and the pool. */
export function dasaRows(settings: DasaSettings, data: PipelineData): { fit: Example[]; val: Example[]; pool: Example[] } {
  return {
    fit: sampleExamples(data.train, settings.fitRows, `${settings.seed}/dasa-fit`),
    val: sampleExamples(data.val, settings.valRows, `${settings.seed}/dasa-val`),
    pool: sampleExamples(data.pool, settings.poolRows, `${settings.seed}/dasa-pool`),
  };
}

export async function runDasa(settings: DasaSettings, inputs: DasaInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<DasaRecord>> {
  const { data } = inputs;
  requirePool(data);
  const { fit, val, pool } = dasaRows(settings, data);
  const progress = new RowProgress('dasa-features', fit.length + val.length + pool.length, control, onProgress);
  const features = await withModel(inputs.model, 'DASA model', async (model, tokenizer) => {
    const options = { batchSize: settings.batchSize, pooled: true, progress, pool: inputs.pool };
    const matrix = async (examples: typeof fit) => pooledMatrix(await inferExamples(model, tokenizer, examples, options), model);
    return { fit: await matrix(fit), val: await matrix(val), pool: await matrix(pool) };
  });
  await control?.betweenSteps();
  await inputs.onFeatures?.({ ...features, fitIds: fit.map((example) => example.id), poolIds: pool.map((example) => example.id) });
  const scored = await scoreFeatureSets(
    features.fit,
    fit.map((example) => example.grade!),
    { val: features.val, pool: features.pool },
    { mahalanobis: { shrinkage: settings.shrinkage }, knn: { k: settings.knnK, kFraction: settings.knnKFraction } },
  );
  const scores = Object.fromEntries(Object.entries(scored.scores).map(([name, sets]) => [name, { val: sets!.val, pool: sets!.pool }]));
  const selection = selectDasa(
    { poolIds: pool.map((example) => example.id), poolQueries: pool.map((example) => example.query), scores, poolFeatures: features.pool, tags: new Map(pool.map((example) => [example.id, example.tags])) },
    {
      quantile: settings.quantile,
      candidates: settings.candidates,
      weights: settings.weights,
      budget: settings.budget ?? undefined,
      budgetFraction: settings.budgetFraction,
      trainSize: data.train.length,
      maxCosine: settings.maxCosine,
      centerFeatures: settings.centerFeatures,
      fillBelowThreshold: settings.fillBelowThreshold,
      maxPerQuery: settings.maxPerQuery,
    },
  );
  return {
    record: {
      selection,
      valScores: Object.fromEntries(Object.entries(scores).map(([name, sets]) => [name, Array.from(sets.val)])),
      valIds: val.map((example) => example.id),
      fitted: scored.fitted,
      rows: { fit: fit.length, val: val.length, pool: pool.length },
    },
  };
}
