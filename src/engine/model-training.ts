// One training stage in the engine: its model and data from the store, trainStage with periodic
// checkpoints to IndexedDB (StoreCheckpointSink), a run record beside the checkpoint (dataset,
// settings, curve), and the measurements at the end. Resuming rebuilds the same data from the same
// dataset and continues from the stored step; trainStage refuses other data by fingerprint.
import * as tf from '@tensorflow/tfjs';
import { restoreModel } from '../core/checkpoint/capture';
import type { CheckpointSink } from '../core/checkpoint/sink';
import { fromStoredCheckpoint } from '../core/checkpoint/stored';
import type { ModelCheckpoint } from '../core/checkpoint/types';
import { TRAINING_STAGES, type TrainingStage } from '../core/job/stages';
import { GPT_PRESETS, createGpt, disposeGpt, type Gpt, type GptConfig } from '../core/model/gpt';
import type { BpeTokenizer } from '../core/tokenizer';
import { CROSS_ENTROPY, DEFAULT_OCC, type OccConfig } from '../core/training/step/losses';
import { evaluateClassifier } from '../core/training/loop/evaluate';
import { heldOutLmLoss, unigramCrossEntropy } from '../core/training/loop/lm-eval';
import { checkpointTokenizer, configForTokenizer } from '../core/training/loop/model-setup';
import { recipeLearningRate } from '../core/training/loop/recipe';
import { pairMatchingFor } from '../core/training/loop/pair-matches';
import { classificationInputs, pretrainInputs } from '../core/training/loop/stage-inputs';
import { trainStage, type StageData } from '../core/training/loop/stage-runner';
import type { DatasetInfo, Example } from '../core/data/schema';
import { DEFAULT_PAIRS_WEIGHT } from '../core/training/loop/recipe';
import type { LabStore } from '../storage';
import { StoreCheckpointSink } from '../storage/checkpoints/sink';
import { InvalidOptionError } from './errors';
import type { GradientPool } from '../core/parallel/gradient-pool';
import type { JobControl } from '../core/job/job-control';
import { runIdOf, saveRunRecord } from './model-checkpoints';
import { corpusExamples, loadLabTokenizer, trainAndStoreTokenizer } from './model-tokenizers';
import type { LossChoice, ModelInit, TrainingOutcome, TrainingPoint, TrainingRequest, TrainingRunRecord } from './model-types';
import type { JobProgress } from '../core/job/progress';
import { integerInRange, trainingSetting } from './validate';

/** Peak learning rates at batch 16: the small preset's recipe (src/core/training/loop/recipe.ts, docs/TRAINING.md). */
export const STAGE_LEARNING_RATES: Record<TrainingStage, number> = {
  pretrain: recipeLearningRate('pretrain'),
  probe: recipeLearningRate('probe'),
  finetune: recipeLearningRate('finetune'),
};
export const DEFAULT_BATCH_SIZE = 16;
/** Periodic checkpoints when not asked: every max(50, total / 10) steps. */
export const defaultCheckpointEvery = (totalSteps: number) => Math.max(50, Math.ceil(totalSteps / 10));
export const DEFAULT_PROGRESS_MS = 500;

export interface TrainingJob {
  store: LabStore;
  control: JobControl;
  report: (progress: JobProgress) => void;
  /** The live run record, for trainingRun() while the stage runs. */
  onRecord: (record: TrainingRunRecord) => void;
  /** Called after each stored checkpoint (the scoring cache forgets it). */
  onCheckpointSaved: (id: string) => void;
  /** The engine's training threads (null: its own thread alone). */
  pool: GradientPool | null;
}

interface Prepared {
  model: Gpt;
  tokenizer: BpeTokenizer;
  tokenizerJson: string;
  data: StageData;
  pretrain: ReturnType<typeof pretrainInputs> | null;
}

export function lossConfig(choice: LossChoice | undefined): OccConfig {
  if (choice === undefined || choice === 'occ') return { ...DEFAULT_OCC };
  if (choice === 'ce') return { ...CROSS_ENTROPY };
  if (typeof choice === 'object' && choice !== null) return { ...DEFAULT_OCC, ...choice };
  throw new InvalidOptionError(`loss must be "occ", "ce" or an object of OCC settings; got ${JSON.stringify(choice)}.`, { option: 'loss' });
}

function checkRequest(request: TrainingRequest): void {
  if (!TRAINING_STAGES.includes(request?.stage)) {
    throw new InvalidOptionError(`stage must be one of ${TRAINING_STAGES.join(', ')}; got ${JSON.stringify(request?.stage)}.`, { option: 'stage' });
  }
  if (typeof request.datasetId !== 'string' || request.datasetId === '') throw new InvalidOptionError('datasetId must name a stored dataset.', { option: 'datasetId' });
  const init = request.init;
  if (init?.from === 'preset') {
    if (!(init.preset in GPT_PRESETS)) throw new InvalidOptionError(`preset must be one of ${Object.keys(GPT_PRESETS).join(', ')}; got ${JSON.stringify(init.preset)}.`, { option: 'init.preset' });
    if (init.contextLength !== undefined) integerInRange('init.contextLength', init.contextLength, 8, 1024);
    if (init.dropout !== undefined && !(init.dropout >= 0 && init.dropout < 1)) throw new InvalidOptionError(`init.dropout must be from 0 to below 1; got ${init.dropout}.`, { option: 'init.dropout' });
    if (init.seed !== undefined) trainingSetting('init.seed', 'seed', init.seed);
  } else if (init?.from !== 'checkpoint' || typeof init.checkpointId !== 'string') {
    throw new InvalidOptionError('init must be {from: "preset", preset} or {from: "checkpoint", checkpointId}.', { option: 'init' });
  }
  if (request.steps !== undefined && request.epochs !== undefined) throw new InvalidOptionError('Give steps or epochs, not both.', { option: 'steps' });
  for (const setting of ['steps', 'epochs', 'batchSize', 'seed', 'checkpointEvery', 'lossEvery', 'learningRate', 'heldOutFraction'] as const) {
    if (request[setting] !== undefined) trainingSetting(setting, setting, request[setting]);
  }
  if (request.progressIntervalMs !== undefined) integerInRange('progressIntervalMs', request.progressIntervalMs, 0, 3_600_000);
  if (request.checkpointId !== undefined && (typeof request.checkpointId !== 'string' || request.checkpointId.trim() === '')) {
    throw new InvalidOptionError('checkpointId must be a non-empty string.', { option: 'checkpointId' });
  }
}

async function startingModel(job: TrainingJob, init: ModelInit, datasetId: string): Promise<{ model: Gpt; tokenizer: BpeTokenizer; tokenizerJson: string }> {
  if (init.from === 'checkpoint') {
    const stored = await job.store.loadCheckpoint(init.checkpointId);
    const where = `checkpoint "${stored.name}"`;
    const checkpoint = fromStoredCheckpoint(stored, where);
    const tokenizer = checkpointTokenizer(checkpoint, where);
    return { model: restoreModel(checkpoint, where), tokenizer, tokenizerJson: checkpoint.tokenizer! };
  }
  const { tokenizer, json } = init.tokenizerId
    ? await loadLabTokenizer(job.store, init.tokenizerId)
    : await trainAndStoreTokenizer({ store: job.store, datasetId, vocabSize: init.vocabSize ?? Math.max(512, GPT_PRESETS[init.preset].vocabSize), control: job.control, report: job.report });
  const overrides = { ...(init.dropout !== undefined ? { dropout: init.dropout } : {}), ...(init.contextLength !== undefined ? { contextLength: init.contextLength } : {}) };
  const config = configForTokenizer(init.preset, tokenizer, overrides);
  return { model: createGpt(config, init.seed ?? 1), tokenizer, tokenizerJson: json };
}

/** Where a stage's texts come from: the store's dataset, or the Node host's folder. */
export interface StageTexts {
  /** train, val and pool: what the LM learns from. */
  corpus(): Promise<Example[]>;
  /** The labelled pairs of probe and finetune, and how to name them in errors. */
  train(): Promise<Example[]>;
  trainWhere: string;
}

export interface StageTextOptions {
  heldOutFraction?: number;
  lmPairs?: boolean;
  /** Matched-vs-shuffled weight; 0 trains no shuffled twins. Default DEFAULT_PAIRS_WEIGHT. */
  pairsWeight?: number;
  seed?: number;
}

/** The stage's token sequences: LM windows (and relevance prompts) for pretraining, labelled prompts otherwise. */
export async function stageInputs(stage: TrainingStage, tokenizer: BpeTokenizer, config: GptConfig, texts: StageTexts, options: StageTextOptions) {
  const matching = pairMatchingFor(config);
  if (stage === 'pretrain') {
    const pairs = options.lmPairs ?? true;
    const shuffledPairs = matching !== null && pairs && (options.pairsWeight ?? DEFAULT_PAIRS_WEIGHT) > 0;
    const pretrain = pretrainInputs(tokenizer, await texts.corpus(), config.contextLength, {
      heldOutFraction: options.heldOutFraction ?? 0.05,
      pairs,
      matching,
      shuffledPairs,
      seed: options.seed,
    });
    return { data: pretrain.train, pretrain, shuffledPairs };
  }
  return { data: classificationInputs(tokenizer, await texts.train(), config.contextLength, texts.trainWhere, matching), pretrain: null, shuffledPairs: false };
}

/** The pretrained model's next-token loss on the held-out texts and the unigram entropy it must beat (nats per token). */
export async function heldOutMeasures(model: Gpt, pretrain: ReturnType<typeof pretrainInputs>) {
  return {
    heldOutLoss: await heldOutLmLoss(model, pretrain.heldOut),
    unigramEntropy: unigramCrossEntropy(pretrain.trainDocuments, pretrain.heldOut, model.config.vocabSize),
  };
}

/** Val quality of a classifier (batches of 32). */
export function validationReport(model: Gpt, tokenizer: BpeTokenizer, val: readonly Example[], where: string, pool: GradientPool | null) {
  return evaluateClassifier(model, tokenizer, val, { batchSize: 32, pool }, where);
}

function storeTexts(store: LabStore, info: DatasetInfo): StageTexts {
  return { corpus: () => corpusExamples(store, info.id), train: () => store.loadExamples(info.id, 'train'), trainWhere: `dataset "${info.name}", train split` };
}

/** A sink that also writes the run record after each stored checkpoint. */
class RecordingSink implements CheckpointSink {
  constructor(
    private readonly inner: StoreCheckpointSink,
    private readonly afterSave: (checkpoint: ModelCheckpoint) => Promise<void>,
    private readonly control: JobControl,
  ) {}
  async save(checkpoint: ModelCheckpoint): Promise<void> {
    // Weights read back after the job was aborted (its GPU device lost) must not replace the last good checkpoint.
    this.control.throwIfAborted();
    await this.inner.save(checkpoint);
    await this.afterSave(checkpoint);
  }
  latest(): Promise<ModelCheckpoint | null> {
    return this.inner.latest();
  }
}

export interface TrainingCall {
  request: TrainingRequest;
  checkpointId: string;
  /** Continue from this stored checkpoint (resume); its run record, when there is one. */
  resumeFrom?: { checkpoint: ModelCheckpoint; record: TrainingRunRecord | null };
}

/** Runs (or resumes) one stage; returns the outcome without the checkpoint summary. */
export async function runTrainingStage(job: TrainingJob, run: TrainingCall): Promise<Omit<TrainingOutcome, 'checkpoint'>> {
  const { request, checkpointId } = run;
  checkRequest(request);
  const { store, control } = job;
  const info = await store.loadDatasetInfo(request.datasetId);
  const resume = run.resumeFrom?.checkpoint ?? null;
  const prepared: Prepared = await (async () => {
    const start = resume
      ? { model: restoreModel(resume, `checkpoint "${checkpointId}"`), tokenizer: checkpointTokenizer(resume, `checkpoint "${checkpointId}"`), tokenizerJson: resume.tokenizer! }
      : await startingModel(job, request.init, request.datasetId);
    try {
      const { data, pretrain } = await stageInputs(request.stage, start.tokenizer, start.model.config, storeTexts(store, info), request);
      return { ...start, data, pretrain };
    } catch (error) {
      disposeGpt(start.model);
      throw error;
    }
  })();
  const { model, tokenizer, tokenizerJson, data, pretrain } = prepared;
  const stage = request.stage;
  try {
    const batchSize = resume?.training?.batchSize ?? request.batchSize ?? DEFAULT_BATCH_SIZE;
    const perEpoch = Math.ceil(data.sequences.length / batchSize);
    const totalSteps = resume?.training?.totalSteps ?? request.steps ?? Math.max(1, Math.round((request.epochs ?? 1) * perEpoch));
    const checkpointEvery = request.checkpointEvery ?? defaultCheckpointEvery(totalSteps);
    const startStep = resume?.training?.step ?? 0;
    const now = () => new Date().toISOString();
    const history: TrainingPoint[] = (run.resumeFrom?.record?.history ?? []).filter((point) => point.step <= startStep);
    const record: TrainingRunRecord = {
      id: runIdOf(checkpointId),
      kind: 'training-stage',
      checkpointId,
      name: request.name ?? checkpointId,
      datasetId: info.id,
      datasetName: info.name,
      request: { ...request, steps: totalSteps, epochs: undefined, batchSize, checkpointId },
      status: 'running',
      step: startStep,
      totalSteps,
      history,
      error: null,
      startedAt: run.resumeFrom?.record?.startedAt ?? now(),
      updatedAt: now(),
      outcome: null,
    };
    const persist = async (change: Partial<TrainingRunRecord>) => {
      Object.assign(record, change, { updatedAt: now() });
      job.onRecord(record);
      await saveRunRecord(store, record);
    };
    await persist({});
    const sink = new RecordingSink(new StoreCheckpointSink(store, checkpointId, record.name), async (checkpoint) => {
      job.onCheckpointSaved(checkpointId);
      const step = checkpoint.training?.step ?? 0;
      await persist({ step, history: record.history.filter((point) => point.step <= step) });
    }, control);
    const live: TrainingPoint[] = [...history];
    let result;
    try {
      result = await trainStage({
        model,
        stage,
        data,
        steps: totalSteps,
        learningRate: resume?.training?.schedule.peakLr ?? request.learningRate ?? STAGE_LEARNING_RATES[stage],
        schedule: resume?.training ? { warmupSteps: resume.training.schedule.warmupSteps, minLr: resume.training.schedule.minLr } : undefined,
        loss: stage === 'pretrain' ? undefined : (resume?.training?.loss ?? lossConfig(request.loss)),
        batchSize,
        seed: resume?.training?.seed ?? request.seed ?? 1,
        pool: job.pool,
        groups: resume?.training?.groups,
        clipNorm: resume?.training?.clipNorm,
        control,
        checkpointEvery,
        lossEvery: request.lossEvery,
        sink,
        tokenizer: tokenizerJson,
        resumeFrom: resume,
        progressIntervalMs: request.progressIntervalMs ?? DEFAULT_PROGRESS_MS,
        onProgress: (progress) => {
          if (progress.stage !== stage) {
            job.report(progress);
            return;
          }
          const { figures } = progress;
          const tensors = tf.memory().numTensors;
          const point: TrainingPoint = {
            step: progress.step,
            loss: figures.loss,
            tokensPerSecond: figures.tokensPerSecond,
            learningRate: figures.learningRate,
            gradNorm: figures.gradNorm,
            tensors,
            elapsedSeconds: progress.elapsedSeconds,
          };
          live.push(point);
          record.history = live;
          job.onRecord(record);
          job.report({ ...progress, figures: { ...figures, tensors } });
        },
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const cancelled = failure.name === 'CancelledError';
      await persist({ status: cancelled ? 'stopped' : 'failed', history: live, error: cancelled ? null : { name: failure.name, message: failure.message } }).catch(() => undefined);
      throw error;
    }

    const outcome: Omit<TrainingOutcome, 'checkpoint'> = {
      checkpointId,
      stage,
      startStep: result.startStep,
      steps: result.steps,
      totalSteps: result.totalSteps,
      losses: result.losses,
      finalLoss: result.finalLoss,
      seconds: result.seconds,
      tokens: result.tokens,
      tokensPerSecond: result.seconds > 0 ? result.tokens / result.seconds : 0,
    };
    if (request.evaluate ?? true) {
      job.report({ stage: 'evaluate', step: 0, total: 1, etaSeconds: null, elapsedSeconds: 0, figures: {} });
      if (pretrain && pretrain.heldOut.length > 0) Object.assign(outcome, await heldOutMeasures(model, pretrain));
      if (!pretrain) {
        const val = (await store.loadExamples(info.id, 'val')).filter((example) => example.grade !== null);
        if (val.length > 0) {
          const report = await validationReport(model, tokenizer, val, `dataset "${info.name}", val split`, job.pool);
          outcome.validation = { macroF1: report.macroF1, accuracy: report.accuracy, count: report.count };
        }
      }
    }
    const { losses: _losses, ...kept } = outcome;
    await persist({ status: 'done', step: totalSteps, history: live, outcome: kept });
    return outcome;
  } finally {
    disposeGpt(model);
  }
}
