// Stage 4, Interpolate (WI): theta = (1 - alpha) theta_start + alpha theta_FT, where theta_start
// is the model fine-tuning started from (the probe). Every alpha of the sweep is scored on ID val
// plus the held-out annotated DASA samples; the best macro-F1 on that union wins (ties: the larger
// alpha). The whole sweep is recorded.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import { captureCheckpoint, restoreModel } from '../../checkpoint/capture';
import type { ModelCheckpoint } from '../../checkpoint/types';
import type { Example } from '../../data/schema';
import { classificationReport } from '../../metrics/classification';
import { disposeGpt } from '../../model/gpt';
import { assignParams, disposeParams, interpolateParams } from '../../training/step/interpolate';
import { checkpointTokenizer } from '../../training/loop/model-setup';
import { sampleExamples, type PipelineData } from '../data';
import { PipelineInputError } from '../errors';
import { inferExamples } from '../model-io';
import { RowProgress } from '../progress';
import type { InterpolateSettings } from '../settings';
import type { StageOutput, StageThreads } from '../stage';
import { predictedGrades, predictionsFromLogits, type Prediction } from './predict';

export interface SweepScores {
  n: number;
  accuracy: number;
  macro_f1: number;
}

export interface SweepPoint {
  alpha: number;
  val: SweepScores;
  /** The held-out DASA samples (null when there are none). */
  dasa: SweepScores | null;
  /** ID val and held-out DASA together: what chooses alpha. */
  combined: SweepScores;
}

export interface InterpolateRecord {
  alpha: number;
  criterion: 'macro_f1 on ID val + held-out DASA samples';
  sweep: SweepPoint[];
  rows: { val: number; dasa: number };
}

export interface InterpolateInputs extends StageThreads {
  data: PipelineData;
  /** theta_start: where fine-tuning began. */
  from: ModelCheckpoint;
  /** theta_FT. */
  to: ModelCheckpoint;
  /** Annotated pool samples held out of fine-tuning. */
  holdout: readonly Example[];
  logitNormTau: number | null;
}

export function checkAlphas(alphas: readonly number[]): void {
  if (alphas.length === 0) throw new PipelineInputError('Interpolation needs at least one alpha to try.', {});
  for (const alpha of alphas) {
    if (!(alpha >= 0 && alpha <= 1)) throw new PipelineInputError(`Interpolation: alpha ${alpha} is outside [0, 1].`, { alpha });
  }
  if (new Set(alphas).size !== alphas.length) throw new PipelineInputError(`Interpolation: the alphas ${alphas.join(', ')} repeat a value.`, { alphas });
}

function scores(predictions: readonly Prediction[]): SweepScores {
  const report = classificationReport(predictions.map((p) => p.label), predictedGrades(predictions));
  return { n: report.count, accuracy: report.accuracy, macro_f1: report.macroF1 };
}

export async function runInterpolate(settings: InterpolateSettings, inputs: InterpolateInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<InterpolateRecord>> {
  checkAlphas(settings.alphas);
  const val = sampleExamples(inputs.data.val, settings.valRows, `${settings.seed}/interpolate-val`);
  const examples = [...val, ...inputs.holdout];
  const tokenizer = checkpointTokenizer(inputs.to, 'fine-tuned model');
  const start = restoreModel(inputs.from, 'interpolation start (probe)');
  const finetuned = restoreModel(inputs.to, 'fine-tuned model');
  const work = restoreModel(inputs.to, 'fine-tuned model');
  try {
    const progress = new RowProgress('interpolate', examples.length * settings.alphas.length, control, onProgress);
    const setAlpha = (alpha: number) => {
      const mixed = interpolateParams(start.params, finetuned.params, alpha);
      assignParams(work.params, mixed);
      disposeParams(mixed);
    };
    const sweep: SweepPoint[] = [];
    for (const alpha of settings.alphas) {
      setAlpha(alpha);
      const out = await inferExamples(work, tokenizer, examples, { batchSize: settings.batchSize, progress, pool: inputs.pool });
      const predictions = predictionsFromLogits(examples, out.logits, work.config.numClasses, inputs.logitNormTau);
      const held = predictions.slice(val.length);
      sweep.push({ alpha, val: scores(predictions.slice(0, val.length)), dasa: held.length > 0 ? scores(held) : null, combined: scores(predictions) });
    }
    const best = sweep.reduce((a, b) => (b.combined.macro_f1 > a.combined.macro_f1 || (b.combined.macro_f1 === a.combined.macro_f1 && b.alpha > a.alpha) ? b : a));
    setAlpha(best.alpha);
    return {
      record: { alpha: best.alpha, criterion: 'macro_f1 on ID val + held-out DASA samples', sweep, rows: { val: val.length, dasa: inputs.holdout.length } },
      checkpoint: await captureCheckpoint(work, { tokenizer: inputs.to.tokenizer }),
    };
  } finally {
    for (const model of [start, finetuned, work]) disposeGpt(model);
  }
}
