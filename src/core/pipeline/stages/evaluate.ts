// Stage 5, Evaluate: the model on ID test and OOD test (every metric of src/core/metrics), the
// four OOD detectors on ID test vs OOD test (Mahalanobis and kNN fitted on ID train features of
// this model; MSP and energy from its logits; higher = more OOD), the ID-OOD macro-F1 gap, and
// one prediction per test example.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import type { ModelCheckpoint } from '../../checkpoint/types';
import type { Example } from '../../data/schema';
import { evaluateSplit, type SplitMetrics } from '../../metrics/evaluate-split';
import { idOodGap } from '../../metrics/id-ood-gap';
import { oodDetectionMetrics, type OodDetectionReport } from '../../metrics/ood-detection';
import { energyScores, mspScores } from '../../ood/logit-scores';
import { scoreFeatureSets, type FeatureScores } from '../../ood/score-sets';
import { sampleExamples, type PipelineData } from '../data';
import { inferExamples, logitMatrix, pooledMatrix, withModel } from '../model-io';
import { RowProgress } from '../progress';
import type { EvaluateSettings } from '../settings';
import type { StageOutput, StageThreads } from '../stage';
import { predictionsFromLogits, type Prediction } from './predict';

export const TEST_SPLITS = ['test_id', 'test_ood'] as const;
export type TestSplit = (typeof TEST_SPLITS)[number];
export const OOD_DETECTORS = ['mahalanobis', 'knn', 'msp', 'energy'] as const;
export type OodDetector = (typeof OOD_DETECTORS)[number];

export interface EvaluateRecord {
  test_id: SplitMetrics;
  test_ood: SplitMetrics;
  /** ID test (negative) vs OOD test (positive). */
  ood: Record<OodDetector, OodDetectionReport>;
  /** macro_f1(test_id) - macro_f1(test_ood). */
  id_ood_gap: { macro_f1: number };
  predictions: Record<TestSplit, Prediction[]>;
  fitted: FeatureScores<string>['fitted'];
  rows: { fit: number };
}

export interface EvaluateInputs extends StageThreads {
  data: PipelineData;
  model: ModelCheckpoint;
  logitNormTau: number | null;
}

function splitMetrics(examples: readonly Example[], predictions: readonly Prediction[]): SplitMetrics {
  return evaluateSplit(predictions.map((prediction, i) => ({ ...prediction, query: examples[i].query })));
}

export async function runEvaluate(settings: EvaluateSettings, inputs: EvaluateInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<EvaluateRecord>> {
  const { data } = inputs;
  const fit = sampleExamples(data.train, settings.fitRows, `${settings.seed}/evaluate-fit`);
  const testId = sampleExamples(data.test_id, settings.testRows, `${settings.seed}/evaluate-test_id`);
  const testOod = sampleExamples(data.test_ood, settings.testRows, `${settings.seed}/evaluate-test_ood`);
  const progress = new RowProgress('evaluate', fit.length + testId.length + testOod.length, control, onProgress);
  return withModel(inputs.model, 'model to evaluate', async (model, tokenizer) => {
    const options = { batchSize: settings.batchSize, pooled: true, progress, pool: inputs.pool };
    const fitOut = await inferExamples(model, tokenizer, fit, options);
    const idOut = await inferExamples(model, tokenizer, testId, options);
    const oodOut = await inferExamples(model, tokenizer, testOod, options);
    await control?.betweenSteps();

    const predictions: Record<TestSplit, Prediction[]> = {
      test_id: predictionsFromLogits(testId, idOut.logits, model.config.numClasses, inputs.logitNormTau),
      test_ood: predictionsFromLogits(testOod, oodOut.logits, model.config.numClasses, inputs.logitNormTau),
    };
    const test_id = splitMetrics(testId, predictions.test_id);
    const test_ood = splitMetrics(testOod, predictions.test_ood);

    const features = await scoreFeatureSets(
      pooledMatrix(fitOut, model),
      fit.map((example) => example.grade!),
      { id: pooledMatrix(idOut, model), ood: pooledMatrix(oodOut, model) },
      { mahalanobis: { shrinkage: settings.shrinkage }, knn: { k: settings.knnK, kFraction: settings.knnKFraction } },
    );
    const idLogits = logitMatrix(idOut, model);
    const oodLogits = logitMatrix(oodOut, model);
    const ood: Record<OodDetector, OodDetectionReport> = {
      mahalanobis: oodDetectionMetrics(features.scores.mahalanobis!.id, features.scores.mahalanobis!.ood),
      knn: oodDetectionMetrics(features.scores.knn!.id, features.scores.knn!.ood),
      msp: oodDetectionMetrics(mspScores(idLogits), mspScores(oodLogits)),
      energy: oodDetectionMetrics(energyScores(idLogits), energyScores(oodLogits)),
    };
    return {
      record: { test_id, test_ood, ood, id_ood_gap: { macro_f1: idOodGap(test_id, test_ood) }, predictions, fitted: features.fitted, rows: { fit: fit.length } },
    };
  });
}
