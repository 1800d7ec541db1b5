// Stage 1 with `probe.logistic`: the head fitted as multinomial logistic regression on frozen
// features (src/core/probe), instead of AdamW steps. One forward pass gives the head's input rows
// of the ID train rows and of a sample of ID val; every L2 strength of the grid is fitted on the
// same features, the strength of lowest val NLL is kept, and its W and b become the head.
import * as tf from '@tensorflow/tfjs';
import { captureCheckpoint, restoreModel } from '../../checkpoint/capture';
import type { Example } from '../../data/schema';
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import { disposeGpt, headInputSize, type Gpt } from '../../model/gpt';
import { fitLogisticProbe, type LogisticGridPoint } from '../../probe/fit-probe';
import { headFeatures } from '../../training/loop/head-step';
import { checkpointTokenizer } from '../../training/loop/model-setup';
import { pairMatchingFor } from '../../training/loop/pair-matches';
import { classificationInputs } from '../../training/loop/stage-inputs';
import { sampleExamples } from '../data';
import { PipelineInputError } from '../errors';
import type { LogisticProbeSettings, ProbeSettings } from '../settings';
import type { StageOutput } from '../stage';
import type { ClassifierInputs, ClassifierRecord } from './classifier';

export interface LogisticProbeRecord {
  /** The L2 strength kept (lowest val NLL) and its solver figures. */
  l2: number;
  iterations: number;
  gradNorm: number;
  converged: boolean;
  valNll: number;
  valMacroF1: number;
  /** Every strength tried, by increasing L2. */
  grid: LogisticGridPoint[];
  valRows: number;
  fitSeconds: number;
}

export function checkLogisticProbeSettings(settings: LogisticProbeSettings): void {
  const where = 'settings.probe.logistic';
  const { l2Grid, valRows, maxIterations, gradientTolerance } = settings;
  if (!Array.isArray(l2Grid) || l2Grid.length === 0 || l2Grid.some((l2) => typeof l2 !== 'number' || !(Number.isFinite(l2) && l2 > 0))) {
    throw new PipelineInputError(`${where}.l2Grid must list at least one finite L2 strength > 0, got ${JSON.stringify(l2Grid)}.`, { setting: `${where}.l2Grid` });
  }
  if (valRows !== null && !(Number.isInteger(valRows) && valRows >= 1)) throw new PipelineInputError(`${where}.valRows must be a positive whole number or null, got ${JSON.stringify(valRows)}.`, { setting: `${where}.valRows` });
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) throw new PipelineInputError(`${where}.maxIterations must be a positive whole number, got ${JSON.stringify(maxIterations)}.`, { setting: `${where}.maxIterations` });
  if (!(typeof gradientTolerance === 'number' && gradientTolerance > 0)) throw new PipelineInputError(`${where}.gradientTolerance must be a number > 0, got ${JSON.stringify(gradientTolerance)}.`, { setting: `${where}.gradientTolerance` });
}

function writeHead(model: Gpt, weights: Float32Array, bias: Float32Array): void {
  const K = model.config.numClasses;
  tf.tidy(() => {
    (model.params.get('classifier.w') as tf.Variable).assign(tf.tensor2d(weights, [headInputSize(model.config), K]));
    (model.params.get('classifier.b') as tf.Variable).assign(tf.tensor1d(bias));
  });
}

export async function runLogisticProbe(
  settings: ProbeSettings, logistic: LogisticProbeSettings, inputs: ClassifierInputs & { val: readonly Example[] }, control?: JobControl, onProgress?: ProgressCallback,
): Promise<StageOutput<ClassifierRecord>> {
  checkLogisticProbeSettings(logistic);
  if (inputs.val.length === 0) throw new PipelineInputError('The logistic probe chooses its L2 strength on ID val rows, and the data has none.', { setting: 'probe.logistic' });
  const where = 'probe starting point';
  const tokenizer = checkpointTokenizer(inputs.init, where);
  const model = restoreModel(inputs.init, where);
  try {
    // The same ID train rows as the AdamW probe.
    const train = sampleExamples(inputs.train, settings.trainRows, `${settings.seed}/probe-train`);
    const val = sampleExamples(inputs.val, logistic.valRows, `${settings.seed}/probe-val`);
    const matching = pairMatchingFor(model.config);
    const trainData = classificationInputs(tokenizer, train, model.config.contextLength, 'probe data', matching);
    const valData = classificationInputs(tokenizer, val, model.config.contextLength, 'probe val data', matching);
    const featureOptions = { batchSize: settings.batchSize, pool: inputs.pool, control, onProgress };
    const dim = headInputSize(model.config);
    const trainFeatures = await headFeatures(model, trainData.sequences, featureOptions);
    const valFeatures = await headFeatures(model, valData.sequences, featureOptions);
    await control?.betweenSteps();

    const started = performance.now();
    const fit = fitLogisticProbe(
      { features: trainFeatures, rows: train.length, dim, labels: trainData.labels! },
      { features: valFeatures, rows: val.length, dim, labels: valData.labels! },
      { classes: model.config.numClasses, l2Grid: logistic.l2Grid, maxIterations: logistic.maxIterations, tolerance: logistic.gradientTolerance },
    );
    const fitSeconds = (performance.now() - started) / 1000;
    writeHead(model, fit.weights, fit.bias);
    const { chosen } = fit;
    return {
      record: {
        examples: train.length,
        added: 0,
        steps: chosen.iterations,
        finalLoss: chosen.trainLoss,
        lastLosses: null,
        trainSeconds: fitSeconds,
        logistic: {
          l2: chosen.l2,
          iterations: chosen.iterations,
          gradNorm: chosen.gradNorm,
          converged: chosen.converged,
          valNll: chosen.valNll,
          valMacroF1: chosen.valMacroF1,
          grid: fit.grid,
          valRows: val.length,
          fitSeconds,
        },
      },
      checkpoint: await captureCheckpoint(model, { tokenizer: inputs.init.tokenizer }),
    };
  } finally {
    disposeGpt(model);
  }
}
