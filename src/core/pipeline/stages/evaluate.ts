// Stage 5, Evaluate: the model on ID test and OOD test (every metric of src/core/metrics), the
// four OOD detectors on ID test vs OOD test (Mahalanobis and kNN fitted on ID train features of
// this model; MSP and energy from its logits; higher = more OOD), the ID-OOD macro-F1 gap, and
// one prediction per test example. Besides: a post-hoc temperature fitted on a sample of ID val
// and the test splits' calibration after it, and OOD test broken down by shift tag. Those read
// their own rows (their own seeded sample) and change none of the other numbers; so does the
// optional evaluation of ID val rows (`valRows`), reported as the split `val_id`.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import type { ModelCheckpoint } from '../../checkpoint/types';
import type { Example } from '../../data/schema';
import { metricsByTag, type TagMetrics } from '../../metrics/by-tag';
import { evaluateSplit, type SplitMetrics } from '../../metrics/evaluate-split';
import { idOodGap } from '../../metrics/id-ood-gap';
import { oodDetectionMetrics, type OodDetectionReport } from '../../metrics/ood-detection';
import { negativeLogLikelihood } from '../../metrics/proper-scores';
import { fitTemperature, scoresAtTemperature, type TemperatureScaledScores } from '../../metrics/temperature-scaling';
import { energyScores, mspScores } from '../../ood/logit-scores';
import { scoreFeatureSets, type FeatureScores } from '../../ood/score-sets';
import { sampleExamples, type PipelineData } from '../data';
import { PipelineInputError } from '../errors';
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
  /** The temperature fitted on ID val rows by NLL, and that NLL before and after scaling. */
  temperature: { T: number; val_rows: number; val_nll: number; val_nll_scaled: number };
  /** Each test split's ECE, NLL and Brier after scaling by T (the arg-max does not change). */
  temperature_scaled: Record<TestSplit, TemperatureScaledScores>;
  /** OOD test per shift tag (a row with several tags counts in each). */
  test_ood_by_shift: Record<string, TagMetrics>;
  /** A sample of ID val evaluated like the test splits (with settings.valRows; absent otherwise). */
  val_id?: SplitMetrics;
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

/** T fitted on the val predictions, and the test splits' calibration after it. */
function temperatureScaling(val: readonly Prediction[], tests: Record<TestSplit, Prediction[]>): Pick<EvaluateRecord, 'temperature' | 'temperature_scaled'> {
  const labels = val.map((prediction) => prediction.label);
  const probs = val.map((prediction) => prediction.probs);
  const T = fitTemperature(labels, probs);
  const scaled = (split: TestSplit) => scoresAtTemperature(tests[split].map((p) => p.label), tests[split].map((p) => p.probs), T);
  return {
    temperature: { T, val_rows: val.length, val_nll: negativeLogLikelihood(labels, probs), val_nll_scaled: scoresAtTemperature(labels, probs, T).nll },
    temperature_scaled: { test_id: scaled('test_id'), test_ood: scaled('test_ood') },
  };
}

/** evaluate.valRows: absent, null or a positive whole number. */
export function checkEvaluateValRows(valRows: unknown): void {
  if (valRows == null || (Number.isInteger(valRows) && (valRows as number) >= 1)) return;
  throw new PipelineInputError(`settings.evaluate.valRows must be a positive whole number or null, got ${JSON.stringify(valRows)}.`, { setting: 'evaluate.valRows' });
}

export async function runEvaluate(settings: EvaluateSettings, inputs: EvaluateInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<EvaluateRecord>> {
  const { data } = inputs;
  const fit = sampleExamples(data.train, settings.fitRows, `${settings.seed}/evaluate-fit`);
  const testId = sampleExamples(data.test_id, settings.testRows, `${settings.seed}/evaluate-test_id`);
  const testOod = sampleExamples(data.test_ood, settings.testRows, `${settings.seed}/evaluate-test_ood`);
  const calibration = sampleExamples(data.val, settings.calibrationRows, `${settings.seed}/evaluate-calibration`);
  checkEvaluateValRows(settings.valRows);
  const valId = settings.valRows == null ? null : sampleExamples(data.val, settings.valRows, `${settings.seed}/evaluate-val_id`);
  const progress = new RowProgress('evaluate', fit.length + testId.length + testOod.length + calibration.length + (valId?.length ?? 0), control, onProgress);
  return withModel(inputs.model, 'model to evaluate', async (model, tokenizer) => {
    const options = { batchSize: settings.batchSize, pooled: true, progress, pool: inputs.pool };
    const fitOut = await inferExamples(model, tokenizer, fit, options);
    const idOut = await inferExamples(model, tokenizer, testId, options);
    const oodOut = await inferExamples(model, tokenizer, testOod, options);
    const valOut = await inferExamples(model, tokenizer, calibration, { ...options, pooled: false });
    const valIdOut = valId && (await inferExamples(model, tokenizer, valId, { ...options, pooled: false }));
    await control?.betweenSteps();

    const predictions: Record<TestSplit, Prediction[]> = {
      test_id: predictionsFromLogits(testId, idOut.logits, model.config.numClasses, inputs.logitNormTau),
      test_ood: predictionsFromLogits(testOod, oodOut.logits, model.config.numClasses, inputs.logitNormTau),
    };
    const test_id = splitMetrics(testId, predictions.test_id);
    const test_ood = splitMetrics(testOod, predictions.test_ood);
    const valPredictions = predictionsFromLogits(calibration, valOut.logits, model.config.numClasses, inputs.logitNormTau);
    const val_id = valId && valIdOut && splitMetrics(valId, predictionsFromLogits(valId, valIdOut.logits, model.config.numClasses, inputs.logitNormTau));
    const { temperature, temperature_scaled } = temperatureScaling(valPredictions, predictions);

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
      record: {
        test_id,
        test_ood,
        ood,
        id_ood_gap: { macro_f1: idOodGap(test_id, test_ood) },
        predictions,
        temperature,
        temperature_scaled,
        test_ood_by_shift: metricsByTag(predictions.test_ood, testOod.map((example) => example.tags)),
        ...(val_id ? { val_id } : {}),
        fitted: features.fitted,
        rows: { fit: fit.length },
      },
    };
  });
}
