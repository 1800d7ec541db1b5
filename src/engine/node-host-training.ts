// One training stage on files (the Node host): the model from a checkpoint file, a Hugging Face
// folder or a fresh preset with a tokenizer trained on the folder's text; periodic checkpoints to
// one file (FileCheckpointSink; --resume continues from the newest slot that reads back whole);
// the measurements at the end. Defaults are the small preset's recipe (recipe.ts).
import { join } from 'node:path';
import { restoreModel } from '../core/checkpoint/capture';
import { FileCheckpointSink, readNewestCheckpointSlot } from '../core/checkpoint/node-file';
import type { ModelCheckpoint } from '../core/checkpoint/types';
import type { Example } from '../core/data/schema';
import { CancelledError } from '../core/job/errors';
import type { JobControl } from '../core/job/job-control';
import type { ProgressCallback } from '../core/job/progress';
import type { GradientPool } from '../core/parallel/gradient-pool';
import { createGpt, disposeGpt, GPT_PRESETS, type Gpt } from '../core/model/gpt';
import { tokenizerToLabJson, trainTokenizer, type BpeTokenizer } from '../core/tokenizer';
import { corpusDocuments } from '../core/training/loop/lm-corpus';
import { DEFAULT_LOSS_EVERY } from '../core/training/loop/loss-every';
import { checkpointTokenizer, configForTokenizer } from '../core/training/loop/model-setup';
import { DEFAULT_PAIRS_WEIGHT, SMALL_RECIPE } from '../core/training/loop/recipe';
import { trainStage } from '../core/training/loop/stage-runner';
import { DEFAULT_BATCH_SIZE, defaultCheckpointEvery, heldOutMeasures, lossConfig, STAGE_LEARNING_RATES, stageInputs, validationReport } from './model-training';
import { readCorpusExamples, readSplit } from './node-host-files';
import { readModelSource } from './node-host-model-source';
import type { FileTrainingEvent, FileTrainingOutcome, FileTrainingRequest } from './node-host-types';

interface Start {
  model: Gpt;
  tokenizer: BpeTokenizer;
  resumeFrom: ModelCheckpoint | null;
}

async function startingPoint(request: FileTrainingRequest, corpus: () => Promise<Example[]>, tell: (event: FileTrainingEvent) => void): Promise<Start> {
  const { stage, out } = request;
  const seed = request.seed ?? 1;
  // The newest usable slot: out, or the checkpoint before it when out is damaged (node-file.ts).
  const saved = request.resume ? await readNewestCheckpointSlot(out) : null;
  if (saved) {
    if (saved.training?.stage === stage && saved.training.step < saved.training.totalSteps) {
      tell({ kind: 'resuming', step: saved.training.step, totalSteps: saved.training.totalSteps });
      return { model: restoreModel(saved, out), tokenizer: checkpointTokenizer(saved, out), resumeFrom: saved };
    }
    tell({ kind: 'nothing-to-resume' });
  }
  if (request.initPath !== undefined) {
    const source = await readModelSource(request.initPath, seed);
    tell({ kind: 'initialised', path: request.initPath, source });
    return { model: restoreModel(source.checkpoint, request.initPath), tokenizer: checkpointTokenizer(source.checkpoint, request.initPath), resumeFrom: null };
  }
  const preset = request.preset ?? 'small';
  const vocabSize = request.vocabSize ?? GPT_PRESETS[preset].vocabSize;
  const started = performance.now();
  const tokenizer = trainTokenizer(corpusDocuments(await corpus()), { vocabSize: Math.max(512, vocabSize) });
  tell({ kind: 'tokenizer', vocabSize: tokenizer.vocabSize, seconds: (performance.now() - started) / 1000 });
  return { model: createGpt(configForTokenizer(preset, tokenizer), seed), tokenizer, resumeFrom: null };
}

export async function trainFromFiles(
  request: FileTrainingRequest,
  control: JobControl,
  pool: GradientPool | null,
  tell: (event: FileTrainingEvent) => void,
  onProgress?: ProgressCallback,
): Promise<FileTrainingOutcome> {
  const { stage, dataDir: dir, out } = request;
  const seed = request.seed ?? 1;
  let corpusCache: Promise<Example[]> | null = null;
  const corpus = () => (corpusCache ??= readCorpusExamples(dir));
  const { model, tokenizer, resumeFrom } = await startingPoint(request, corpus, tell);
  const { config } = model;
  try {
    const pairsWeight = request.pairsWeight ?? DEFAULT_PAIRS_WEIGHT;
    const trainPath = join(dir, 'train.jsonl');
    const { data, pretrain, shuffledPairs } = await stageInputs(stage, tokenizer, config, { corpus, train: () => readSplit(dir, 'train'), trainWhere: trainPath }, { ...request, seed });
    if (pretrain) {
      const twins = pretrain.documents.pairs * (shuffledPairs ? 2 : 1);
      tell({ kind: 'pretraining-text', documents: pretrain.documents.train, windows: data.sequences.length - twins, contextLength: config.contextLength, pairs: pretrain.documents.pairs, heldOut: pretrain.documents.heldOut });
    } else {
      tell({ kind: 'labelled-pairs', pairs: data.sequences.length, file: trainPath });
    }
    const batchSize = request.batchSize ?? DEFAULT_BATCH_SIZE;
    // Defaults: the recipe's pretraining steps, or its epochs for probe and finetune.
    const steps = request.steps ?? (stage === 'pretrain' && request.epochs === undefined ? SMALL_RECIPE.pretrain.steps : undefined);
    const epochs = steps === undefined ? (request.epochs ?? (stage === 'pretrain' ? 1 : SMALL_RECIPE[stage].epochs)) : undefined;
    const perEpoch = Math.ceil(data.sequences.length / batchSize);
    const total = steps ?? Math.max(1, Math.round(epochs! * perEpoch));
    const learningRate = request.learningRate ?? STAGE_LEARNING_RATES[stage];
    const lossName = stage === 'pretrain' ? null : (request.loss ?? SMALL_RECIPE[stage].loss);
    tell({ kind: 'plan', totalSteps: total, batchSize, perEpoch, learningRate, seed, loss: lossName });

    const stopAfter = request.stopAfter ?? Infinity;
    let lastStep = 0;
    let result;
    try {
      result = await trainStage({
        model,
        pairsWeight,
        control,
        pool,
        onStep: (step) => {
          lastStep = step;
          if (step >= stopAfter) control.cancel();
        },
        stage,
        data,
        steps,
        epochs,
        learningRate,
        loss: lossConfig(lossName ?? 'occ'),
        batchSize,
        seed,
        checkpointEvery: request.checkpointEvery ?? defaultCheckpointEvery(total),
        // onStep sees a step when its loss is read: stopAfter reads every step to stop where asked.
        lossEvery: request.lossEvery ?? (stopAfter < Infinity ? 1 : DEFAULT_LOSS_EVERY),
        sink: new FileCheckpointSink(out),
        tokenizer: tokenizerToLabJson(tokenizer),
        resumeFrom,
        progressIntervalMs: request.progressIntervalMs ?? 10_000,
        onProgress,
      });
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      tell({ kind: 'stopped', step: lastStep });
      return { stage, result: null };
    }
    tell({ kind: 'trained', result });

    const outcome: FileTrainingOutcome = { stage, result };
    if (pretrain && pretrain.heldOut.length > 0) {
      outcome.lm = { ...(await heldOutMeasures(model, pretrain)), heldOutDocuments: pretrain.heldOut.length };
    }
    if (stage !== 'pretrain') {
      const val = await readSplit(dir, 'val', true);
      if (val.length > 0) outcome.val = await validationReport(model, tokenizer, val, join(dir, 'val.jsonl'), pool);
    }
    return outcome;
  } finally {
    disposeGpt(model);
  }
}
