// A training stage: pretrain (causal LM), probe (head only) or finetune (everything), run step
// by step with progress events, pause/resume/cancel, periodic checkpoints, exact resume and a
// guard against non-finite losses.
//
// Reading the loss: a step leaves its loss and gradient norm on the device, and the runner reads the
// queued figures back in one read at the first step, then every `lossEvery` steps, before each
// checkpoint and at the last step (never otherwise: on webgpu every read drains the GPU's queue).
// The non-finite check, onStep and progress events see each step when its figures arrive, in order.
//
// Position: step s of a stage uses batch (s mod B) of epoch floor(s / B), where B batches make an
// epoch and the order of epoch e comes from (seed, e). Together with the weights and AdamW's
// moments in the checkpoint, (seed, step) is therefore all a resumed run needs to continue exactly.
import { captureCheckpoint, loadOptimizerInto, loadWeightsInto } from '../../checkpoint/capture';
import { CheckpointMismatchError } from '../../checkpoint/errors';
import type { CheckpointSink } from '../../checkpoint/sink';
import type { ModelCheckpoint, TrainingStage, TrainingState } from '../../checkpoint/types';
import { estimateEtaSeconds, type JobControl } from '../../job/job-control';
import { firstNonFinite } from '../../io/finite';
import { packedIdLimit } from '../../model/match-signals';
import { DEFAULT_PAIRS_WEIGHT } from './recipe';
import type { ProgressCallback } from '../../job/progress';
import { headInputSize, type Gpt } from '../../model/gpt';
import { AdamW, type AdamWConfig } from '../step/adamw';
import { DEFAULT_OCC, validateOccConfig, type OccConfig } from '../step/losses';
import { STAGE_GROUPS, paramSettings, type ParamGroupsConfig } from '../step/param-groups';
import { learningRateAt, warmupCosine, type WarmupCosineSchedule } from '../step/schedule';
import type { GradientPool } from '../../parallel/gradient-pool';
import { queueParallelTrainStep } from '../../parallel/parallel-step';
import { disposeSteps, readSteps, type PendingStep } from '../step/step-readout';
import type { Objective, StepResult } from '../step/train-step';
import { batchesPerEpoch, epochBatches, padRows, realTokens } from './batching';
import { NonFiniteLossError, NonFiniteWeightsError, TrainerInputError } from './errors';
import { dataFingerprint, stepSeed } from './fingerprint';
import { featureRows, headFeatures, queueHeadStep } from './head-step';
import { DEFAULT_LOSS_EVERY } from './loss-every';
import { checkStageLength, checkStageRanges } from './stage-ranges';

export interface StageData {
  /** Token id sequences: relevance prompts ending in [CLS], or LM windows / documents. */
  sequences: Int32Array[];
  /** Grades, one per sequence (probe and finetune); in pretraining, pair labels (1 real, 0 shuffled, -1 text). */
  labels?: Int32Array | null;
}

export interface TrainStageOptions {
  model: Gpt;
  stage: TrainingStage;
  data: StageData;
  /** Optimisation steps; or give epochs (passes over the data). */
  steps?: number;
  epochs?: number;
  /** Peak learning rate of the warm-up + cosine schedule. */
  learningRate: number;
  schedule?: Partial<Omit<WarmupCosineSchedule, 'peakLr' | 'totalSteps'>>;
  /**
   * Pretraining with pair labels in the data: what one matched-vs-shuffled decision counts for, in
   * LM tokens (model/gpt.ts lmAndPairsLoss). Default 16.
   */
  pairsWeight?: number;
  /** Classification loss (probe, finetune); default DEFAULT_OCC. */
  loss?: OccConfig;
  batchSize: number;
  seed: number;
  /** Which parameter groups train; default STAGE_GROUPS[stage]. */
  groups?: ParamGroupsConfig;
  clipNorm?: number;
  adamw?: Partial<AdamWConfig>;
  control?: JobControl;
  onProgress?: ProgressCallback;
  /** Minimum time between progress events (the first and last step always report). Default 1000 ms. */
  progressIntervalMs?: number;
  /**
   * Read the loss and gradient norm back once every N steps (one read for the N steps), and at the
   * first and last step and before each checkpoint. Default DEFAULT_LOSS_EVERY; 1 reads every step.
   * onStep, progress events and the non-finite check run when a step's figures arrive.
   */
  lossEvery?: number;
  /** Save to the sink every N steps (and at the end). 0 or absent: only at the end. */
  checkpointEvery?: number;
  sink?: CheckpointSink;
  /** Tokenizer JSON text written into every checkpoint. */
  tokenizer?: string | null;
  /** Continue a stage from its checkpoint (weights, optimizer state and position). */
  resumeFrom?: ModelCheckpoint | null;
  /**
   * Probe with a frozen backbone: train the head on pooled features computed once (default true;
   * the same losses and gradients, see head-step.ts). false runs the full forward pass each step.
   */
  probeOnFeatures?: boolean;
  /** Helper threads that share each batch (and the probe's features); absent or null: this thread alone. */
  pool?: GradientPool | null;
  /** Called for every step, in order, once its loss is read (for histories and tests). */
  onStep?: (step: number, result: StepResult & { learningRate: number }) => void;
}

export interface StageResult {
  stage: TrainingStage;
  /** Steps done in this call (from startStep to totalSteps). */
  steps: number;
  startStep: number;
  totalSteps: number;
  /** Loss of each step of this call, in order. */
  losses: number[];
  finalLoss: number;
  /** Wall time of the steps (not counting pauses). */
  seconds: number;
  tokens: number;
  /** The checkpoint of the final state (also given to the sink when there is one). */
  checkpoint: ModelCheckpoint;
}

function resolveSteps(options: TrainStageOptions, perEpoch: number): number {
  const { steps, epochs } = options;
  if (steps !== undefined && epochs !== undefined) throw new TrainerInputError('Give steps or epochs, not both.');
  if (steps !== undefined) return checkStageLength('steps', steps);
  if (epochs !== undefined) return Math.max(1, Math.round(checkStageLength('epochs', epochs) * perEpoch));
  throw new TrainerInputError('Give the number of steps or of epochs.');
}

/** `idLimit`: the vocabulary size, times the match channels for a model that reads them (packed ids). */
function checkData(stage: TrainingStage, data: StageData, idLimit: number, contextLength: number): void {
  if (data.sequences.length === 0) throw new TrainerInputError(`The ${stage} stage got no training sequences.`);
  data.sequences.forEach((sequence, i) => {
    if (sequence.length > contextLength) throw new TrainerInputError(`Sequence ${i} has ${sequence.length} tokens, more than the model's context length ${contextLength}.`, { index: i });
    if (sequence.length < (stage === 'pretrain' ? 2 : 1)) throw new TrainerInputError(`Sequence ${i} is too short (${sequence.length} tokens).`, { index: i });
    for (let t = 0; t < sequence.length; t++) {
      if (!(sequence[t] >= 0 && sequence[t] < idLimit)) {
        throw new TrainerInputError(`Sequence ${i}, position ${t}: token id ${sequence[t]} is outside the model's vocabulary (ids below ${idLimit}); was it encoded with another tokenizer?`, { index: i, position: t });
      }
    }
  });
  const { labels } = data;
  if (stage === 'pretrain') {
    if (labels && labels.length !== data.sequences.length) throw new TrainerInputError(`Pretraining got ${labels.length} pair labels for ${data.sequences.length} sequences.`);
    return;
  }
  if (!labels || labels.length !== data.sequences.length) {
    throw new TrainerInputError(`The ${stage} stage needs one grade per sequence: ${labels?.length ?? 0} grades for ${data.sequences.length} sequences.`);
  }
}

function checkResume(from: ModelCheckpoint, expected: Omit<TrainingState, 'step' | 'lastLoss'>): TrainingState {
  const state = from.training;
  if (!state) throw new CheckpointMismatchError('The checkpoint to resume from has no training state.');
  const mismatch = (what: string, saved: unknown, now: unknown): never => {
    throw new CheckpointMismatchError(`Cannot resume: the checkpoint's ${what} is ${JSON.stringify(saved)}, this run's is ${JSON.stringify(now)}.`, { what });
  };
  if (state.stage !== expected.stage) mismatch('stage', state.stage, expected.stage);
  if (state.dataFingerprint !== expected.dataFingerprint) mismatch('data (fingerprint)', state.dataFingerprint, expected.dataFingerprint);
  if (state.batchSize !== expected.batchSize) mismatch('batch size', state.batchSize, expected.batchSize);
  if (state.seed !== expected.seed) mismatch('seed', state.seed, expected.seed);
  if (state.totalSteps !== expected.totalSteps) mismatch('total steps', state.totalSteps, expected.totalSteps);
  if (state.step > state.totalSteps) mismatch('step', state.step, `at most ${state.totalSteps}`);
  return state;
}

export async function trainStage(options: TrainStageOptions): Promise<StageResult> {
  const { model, stage, data, seed, batchSize, control, sink } = options;
  checkStageRanges(options);
  checkData(stage, data, packedIdLimit(model.config.vocabSize, model.config.matchSignals), model.config.contextLength);
  const lengths = data.sequences.map((s) => s.length);
  const perEpoch = batchesPerEpoch(lengths.length, batchSize);
  const totalSteps = resolveSteps(options, perEpoch);
  const schedule = warmupCosine(options.learningRate, totalSteps, options.schedule);
  const groups = options.groups ?? STAGE_GROUPS[stage];
  const clipNorm = options.clipNorm ?? 1;
  const loss = stage === 'pretrain' ? null : (options.loss ?? DEFAULT_OCC);
  if (loss) validateOccConfig(loss);
  const labels = data.labels ?? null;
  const baseState = { stage, totalSteps, seed, batchSize, schedule, clipNorm, groups, loss, dataFingerprint: dataFingerprint(data.sequences, labels) };

  const pairsHead = loss === null && labels !== null;
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), groups, { pairsHead }), options.adamw);
  try {
    let startStep = 0;
    let lastGood: ModelCheckpoint | null = null;
    if (options.resumeFrom) {
      startStep = checkResume(options.resumeFrom, baseState).step;
      loadWeightsInto(model, options.resumeFrom, 'checkpoint to resume from');
      loadOptimizerInto(optimizer, options.resumeFrom, 'checkpoint to resume from');
      lastGood = options.resumeFrom;
    }
    /** Restores the last good checkpoint, if any, and says in a sentence what the model now holds. */
    const rollBack = (): string => {
      if (!lastGood) return 'No checkpoint was taken yet, so the weights are unusable: start again from the initial checkpoint.';
      loadWeightsInto(model, lastGood, 'last good checkpoint');
      loadOptimizerInto(optimizer, lastGood, 'last good checkpoint');
      return `The model was rolled back to the last good checkpoint (step ${lastGood.training?.step}); it is kept.`;
    };
    const advice = () =>
      `Try a lower learning rate (peak ${schedule.peakLr.toExponential(2)} now; e.g. ${(schedule.peakLr / 10).toExponential(2)}), a longer warm-up or a smaller clip norm.`;
    /** The state after `step` steps, only once every weight and moment is finite: a checkpoint that is never saved otherwise. */
    const capture = async (step: number, lastLoss: number | null): Promise<ModelCheckpoint> => {
      const checkpoint = await captureCheckpoint(model, { tokenizer: options.tokenizer ?? null, optimizer, training: { ...baseState, step, lastLoss } });
      const bad = firstNonFinite([...checkpoint.weights, ...(checkpoint.optimizer?.tensors ?? [])]);
      if (bad) {
        const rolledBackToStep = lastGood?.training?.step ?? null;
        throw new NonFiniteWeightsError(
          `The ${stage} stage stopped after step ${step} of ${totalSteps}: its update left "${bad.tensor}" holding ${bad.value} (index ${bad.index}), so no checkpoint was saved. ${rollBack()} ${advice()}`,
          { stage, step, tensor: bad.tensor, index: bad.index, value: String(bad.value), rolledBackToStep },
        );
      }
      return checkpoint;
    };

    // The probe with a frozen backbone trains the head on pooled features computed once.
    const headOnly = stage === 'probe' && !groups.backbone.trainable && options.probeOnFeatures !== false;
    const features = headOnly ? await headFeatures(model, data.sequences, { batchSize, pool: options.pool, control, onProgress: options.onProgress }) : null;
    const objective: Objective = loss
      ? { kind: 'classify', loss }
      : labels ? { kind: 'lm', pairsWeight: options.pairsWeight ?? DEFAULT_PAIRS_WEIGHT } : { kind: 'lm' };

    let epochCache: { epoch: number; batches: number[][] } = { epoch: -1, batches: [] };
    const losses: number[] = [];
    let activeMs = 0;
    let tokens = 0;
    let lastReport = -Infinity;
    let reportLosses: number[] = [];
    let lastLoss: number | null = options.resumeFrom?.training?.lastLoss ?? null;
    const interval = options.progressIntervalMs ?? 1000;
    const every = options.checkpointEvery ?? 0;
    const lossEvery = options.lossEvery ?? DEFAULT_LOSS_EVERY;
    let queued: { step: number; figures: PendingStep; learningRate: number }[] = [];

    /** Reads every queued step's figures (one read), then checks, records and reports each in order. */
    const readQueued = async (): Promise<void> => {
      const steps = queued;
      queued = [];
      const started = performance.now();
      const results = await readSteps(steps.map((q) => q.figures));
      activeMs += performance.now() - started;
      for (const [i, { step, learningRate }] of steps.entries()) {
        const result = results[i];
        if (!Number.isFinite(result.loss) || !Number.isFinite(result.gradNorm)) {
          const rolledBackToStep = lastGood?.training?.step ?? null;
          const what = Number.isFinite(result.loss) ? `gradient norm became ${result.gradNorm}` : `loss became ${result.loss}`;
          throw new NonFiniteLossError(
            `The ${stage} stage stopped at step ${step + 1} of ${totalSteps}: the ${what} (learning rate ${learningRate.toExponential(2)}). ${rollBack()} ${advice()}`,
            { stage, step: step + 1, loss: result.loss, gradNorm: result.gradNorm, learningRate, rolledBackToStep },
          );
        }
        losses.push(result.loss);
        reportLosses.push(result.loss);
        lastLoss = result.loss;
        options.onStep?.(step + 1, { ...result, learningRate });

        const done = step + 1;
        const now = performance.now();
        if (options.onProgress && (step === startStep || done === totalSteps || now - lastReport >= interval)) {
          lastReport = now;
          const seconds = activeMs / 1000;
          const mean = reportLosses.reduce((a, b) => a + b, 0) / reportLosses.length;
          reportLosses = [];
          await options.onProgress({
            stage,
            step: done,
            total: totalSteps,
            etaSeconds: estimateEtaSeconds(seconds, done - startStep, totalSteps - startStep),
            elapsedSeconds: seconds,
            figures: { loss: mean, lastLoss: result.loss, tokensPerSecond: seconds > 0 ? tokens / seconds : 0, learningRate, gradNorm: result.gradNorm },
          });
        }
      }
    };

    try {
      for (let step = startStep; step < totalSteps; step++) {
        await control?.betweenSteps();
        const started = performance.now();
        const epoch = Math.floor(step / perEpoch);
        if (epochCache.epoch !== epoch) epochCache = { epoch, batches: epochBatches(lengths, epoch, { batchSize, seed }) };
        const indices = epochCache.batches[step % perEpoch];
        const learningRate = learningRateAt(step, schedule);
        const batch = padRows(data.sequences, indices, model.config.padId, labels);
        const figures = features
          ? queueHeadStep(model, featureRows(features, headInputSize(model.config), labels!, indices), loss!, optimizer, learningRate, clipNorm)
          : await queueParallelTrainStep(model, batch, objective, optimizer, { learningRate, clipNorm, dropoutSeed: stepSeed(seed, step) }, options.pool ?? null);
        queued.push({ step, figures, learningRate });
        tokens += realTokens(batch);
        activeMs += performance.now() - started;

        const done = step + 1;
        const saveNow = sink !== undefined && every > 0 && done % every === 0 && done < totalSteps;
        if (saveNow || done === totalSteps || (step - startStep) % lossEvery === 0) await readQueued();
        if (saveNow) {
          const saving = performance.now();
          lastGood = await capture(done, lastLoss);
          await sink.save(lastGood);
          activeMs += performance.now() - saving;
        }
      }
    } finally {
      disposeSteps(queued.map((q) => q.figures));
    }

    const checkpoint = await capture(totalSteps, lastLoss);
    if (sink) await sink.save(checkpoint);
    return {
      stage,
      steps: totalSteps - startStep,
      startStep,
      totalSteps,
      losses,
      finalLoss: lastLoss ?? NaN,
      seconds: activeMs / 1000,
      tokens,
      checkpoint,
    };
  } finally {
    optimizer.dispose();
  }
}
