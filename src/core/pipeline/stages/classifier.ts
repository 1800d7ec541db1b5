// Stages 1 and 3, Probe (LP: head only, backbone frozen) and Fine-tune (FT: every weight), on ID
// train plus, for fine-tuning, the annotated pool samples DASA (or the random ablation) chose.
import { pairMatchingFor } from '../../training/loop/pair-matches';
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import { restoreModel } from '../../checkpoint/capture';
import type { ModelCheckpoint } from '../../checkpoint/types';
import type { Example } from '../../data/schema';
import { disposeGpt } from '../../model/gpt';
import { checkpointTokenizer } from '../../training/loop/model-setup';
import { classificationInputs } from '../../training/loop/stage-inputs';
import { trainStage } from '../../training/loop/stage-runner';
import { sampleExamples } from '../data';
import { PipelineInputError } from '../errors';
import type { ClassifierTrainingSettings, ProbeSettings } from '../settings';
import type { StageOutput, StageResume, StageThreads } from '../stage';
import { runLogisticProbe, type LogisticProbeRecord } from './logistic-probe';
import { stageLength } from './training-length';

export interface ClassifierRecord {
  /** Training examples: the ID train rows used plus the annotated pool samples. */
  examples: number;
  /** Of which annotated pool samples. */
  added: number;
  steps: number;
  finalLoss: number;
  /** Mean loss of the last tenth of the steps run in this call. */
  lastLosses: number | null;
  trainSeconds: number;
  /** The probe fitted by logistic regression (probe.logistic): its L2 grid and solver figures. */
  logistic?: LogisticProbeRecord;
}

export interface ClassifierInputs extends StageThreads {
  /** ID train. */
  train: readonly Example[];
  /** Annotated pool samples added to the training data (fine-tuning). */
  added?: readonly Example[];
  /** ID val, for the logistic probe's choice of L2 strength. */
  val?: readonly Example[];
  /** The model to start from (pretrained or probed). */
  init: ModelCheckpoint;
  resume?: StageResume;
}

async function trainClassifier(
  stage: 'probe' | 'finetune',
  settings: ClassifierTrainingSettings,
  inputs: ClassifierInputs,
  control?: JobControl,
  onProgress?: ProgressCallback,
): Promise<StageOutput<ClassifierRecord>> {
  const start = inputs.resume?.from ?? inputs.init;
  const where = inputs.resume?.from ? `interrupted ${stage}` : `${stage} starting point`;
  const tokenizer = checkpointTokenizer(start, where);
  const model = restoreModel(start, where);
  try {
    const examples = [...sampleExamples(inputs.train, settings.trainRows, `${settings.seed}/${stage}-train`), ...(inputs.added ?? [])];
    const data = classificationInputs(tokenizer, examples, model.config.contextLength, `${stage} data`, pairMatchingFor(model.config));
    const result = await trainStage({
      model,
      stage,
      data,
      ...stageLength(settings.length, stage),
      learningRate: settings.learningRate,
      batchSize: settings.batchSize,
      seed: settings.seed,
      pool: inputs.pool,
      loss: settings.loss,
      checkpointEvery: settings.checkpointEvery,
      sink: inputs.resume?.sink,
      resumeFrom: inputs.resume?.from ?? null,
      tokenizer: start.tokenizer,
      control,
      onProgress,
    });
    const tail = result.losses.slice(-Math.max(1, Math.ceil(result.losses.length / 10)));
    return {
      record: {
        examples: examples.length,
        added: inputs.added?.length ?? 0,
        steps: result.totalSteps,
        finalLoss: result.finalLoss,
        lastLosses: tail.length > 0 ? tail.reduce((a, b) => a + b, 0) / tail.length : null,
        trainSeconds: result.seconds,
      },
      checkpoint: result.checkpoint,
    };
  } finally {
    disposeGpt(model);
  }
}

export function runProbe(settings: ProbeSettings, inputs: ClassifierInputs, control?: JobControl, onProgress?: ProgressCallback) {
  if (settings.logistic) {
    if (!inputs.val) throw new PipelineInputError('The logistic probe needs the ID val rows to choose its L2 strength.', { setting: 'probe.logistic' });
    return runLogisticProbe(settings, settings.logistic, { ...inputs, val: inputs.val }, control, onProgress);
  }
  return trainClassifier('probe', settings, { ...inputs, added: [] }, control, onProgress);
}

export function runFinetune(settings: ClassifierTrainingSettings, inputs: ClassifierInputs, control?: JobControl, onProgress?: ProgressCallback) {
  return trainClassifier('finetune', settings, inputs, control, onProgress);
}
