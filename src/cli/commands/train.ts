// `npm run darl -- train --data DIR --preset nano|small|base --stage pretrain|probe|finetune
//     [--init CHECKPOINT|DIR] --out CHECKPOINT [--steps N | --epochs E] [--lr X] [--batch B] [--seed S]
//     [--loss ce|occ] [--backend cpu|wasm] [--checkpoint-every N] [--resume] [--vocab N]
//     [--held-out F] [--lm-pairs on|off] [--pairs-weight W] [--progress-seconds S] [--stop-after N] [--threads N]
//     [--loss-every N]`
// Defaults (steps / epochs, --lr, --loss) are the small preset's recipe, SMALL_RECIPE in src/core/training/loop/recipe.ts.
// Without --init a tokenizer is trained on DIR's text first and a fresh model is built around it.
// --init takes a lab checkpoint or a Hugging Face GPT-2 folder (model-source.ts, docs/INTEROP.md).
// Periodic checkpoints go to --out itself (replaced atomically; the one before waits in
// --out.previous until the stage ends); --resume continues an unfinished run of the same stage from
// the newest of the two that reads back whole. Ctrl-C (or --stop-after N steps) stops after the current step;
// the last periodic checkpoint stays in --out. --threads N splits each batch over N threads
// (default: one per logical core, at most 4, on wasm; cli-threads.ts). --loss-every N reads the loss back
// once per N steps (default 8, or 1 with --stop-after so the stop is exact; docs/TRAINING.md, "Reading the loss").
import { DEFAULT_PAIRS_WEIGHT } from '../../core/training/loop/recipe';
import { pairMatchingFor } from '../../core/training/loop/pair-matches';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { restoreModel } from '../../core/checkpoint/capture';
import { FileCheckpointSink, readNewestCheckpointSlot } from '../../core/checkpoint/node-file';
import { CancelledError } from '../../core/job/errors';
import { JobControl } from '../../core/job/job-control';
import { TRAINING_STAGES, type ModelCheckpoint, type TrainingStage } from '../../core/checkpoint/types';
import type { Example } from '../../core/data/schema';
import type { ClassificationReport } from '../../core/metrics/classification';
import { createGpt, disposeGpt, GPT_PRESETS, type Gpt, type GptPresetName } from '../../core/model/gpt';
import { tokenizerToLabJson, trainTokenizer, type BpeTokenizer } from '../../core/tokenizer';
import { requireInRange, TRAINING_RANGES } from '../../core/training/step/setting-ranges';
import { CROSS_ENTROPY, DEFAULT_OCC } from '../../core/training/step/losses';
import { useBackend, type NodeBackend } from '../../core/backend/test-backends';
import { startTrainingThreads, threadsFlag } from './cli-threads';
import { evaluateClassifier } from '../../core/training/loop/evaluate';
import { corpusDocuments } from '../../core/training/loop/lm-corpus';
import { heldOutLmLoss, unigramCrossEntropy } from '../../core/training/loop/lm-eval';
import { checkpointTokenizer, configForTokenizer } from '../../core/training/loop/model-setup';
import { recipeLearningRate, SMALL_RECIPE } from '../../core/training/loop/recipe';
import { classificationInputs, pretrainInputs } from '../../core/training/loop/stage-inputs';
import { trainStage, type StageData, type StageResult } from '../../core/training/loop/stage-runner';
import { DEFAULT_LOSS_EVERY } from '../../core/training/loop/loss-every';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { formatSeconds, readCorpusExamples, readSplit } from './cli-data';
import { readModelSource } from './model-source';

/** Peak learning rates at batch 16: the small preset's recipe (src/core/training/loop/recipe.ts, docs/TRAINING.md). */
export const DEFAULT_LR: Record<TrainingStage, number> = {
  pretrain: recipeLearningRate('pretrain'),
  probe: recipeLearningRate('probe'),
  finetune: recipeLearningRate('finetune'),
};

function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringFlag(args, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) throw new CliUsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export interface TrainOutcome {
  stage: TrainingStage;
  /** null when the run was stopped early (Ctrl-C or --stop-after). */
  result: StageResult | null;
  /** Pretraining: held-out LM loss and the unigram baseline, nats per token. */
  lm?: { heldOutLoss: number; unigramEntropy: number; heldOutDocuments: number };
  /** Probe / finetune: the model on DIR/val.jsonl, when present. */
  val?: ClassificationReport;
  wallSeconds: number;
}

interface Start {
  model: Gpt;
  tokenizer: BpeTokenizer;
  resumeFrom: ModelCheckpoint | null;
}

async function startingPoint(args: ParsedArgs, stage: TrainingStage, out: string, corpus: () => Promise<Example[]>, log: (line: string) => void): Promise<Start> {
  // The newest usable slot: --out, or the checkpoint before it when --out is damaged (node-file.ts).
  const saved = args.flags.resume === true ? await readNewestCheckpointSlot(out) : null;
  if (saved) {
    if (saved.training?.stage === stage && saved.training.step < saved.training.totalSteps) {
      log(`resuming ${stage} from ${out} at step ${saved.training.step} of ${saved.training.totalSteps}`);
      return { model: restoreModel(saved, out), tokenizer: checkpointTokenizer(saved, out), resumeFrom: saved };
    }
    log(`${out} holds no unfinished ${stage} run; starting afresh`);
  }
  if (typeof args.flags.init === 'string') {
    const init = await readModelSource(args.flags.init, log, numberFlag(args, 'seed', 1));
    log(`initialised from ${args.flags.init}`);
    return { model: restoreModel(init, args.flags.init), tokenizer: checkpointTokenizer(init, args.flags.init), resumeFrom: null };
  }
  const preset = choice(args, 'preset', Object.keys(GPT_PRESETS) as GptPresetName[], 'small');
  const vocabSize = numberFlag(args, 'vocab', GPT_PRESETS[preset].vocabSize);
  const started = performance.now();
  const tokenizer = trainTokenizer(corpusDocuments(await corpus()), { vocabSize: Math.max(512, vocabSize) });
  log(`trained a tokenizer: ${tokenizer.vocabSize} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const config = configForTokenizer(preset, tokenizer);
  return { model: createGpt(config, numberFlag(args, 'seed', 1)), tokenizer, resumeFrom: null };
}

/** The numeric flags against the lab's sane ranges (training/setting-ranges.ts), before any work, named as typed. */
function checkRangeFlags(args: ParsedArgs): void {
  const flags = { lr: 'learningRate', batch: 'batchSize', steps: 'steps', epochs: 'epochs', seed: 'seed', 'checkpoint-every': 'checkpointEvery', 'pairs-weight': 'pairsWeight', 'held-out': 'heldOutFraction', 'loss-every': 'lossEvery' } as const;
  for (const [flag, setting] of Object.entries(flags)) {
    if (args.flags[flag] !== undefined) requireInRange(`--${flag}`, numberFlag(args, flag), TRAINING_RANGES[setting], CliUsageError);
  }
}

export async function runTrain(args: ParsedArgs, log: (line: string) => void = console.log): Promise<TrainOutcome> {
  const wallStart = performance.now();
  const dir = stringFlag(args, 'data');
  const out = stringFlag(args, 'out');
  const stage = choice(args, 'stage', TRAINING_STAGES, 'finetune');
  const backend = choice<NodeBackend>(args, 'backend', ['cpu', 'wasm'], 'wasm');
  const defaultLoss = stage === 'pretrain' ? 'occ' : SMALL_RECIPE[stage].loss;
  const loss = choice(args, 'loss', ['ce', 'occ'], defaultLoss) === 'ce' ? CROSS_ENTROPY : DEFAULT_OCC;
  if (args.flags.steps !== undefined && args.flags.epochs !== undefined) throw new CliUsageError('give --steps or --epochs, not both');
  checkRangeFlags(args);
  const threads = threadsFlag(args, backend);
  await useBackend(backend);
  const stopThreads = startTrainingThreads(threads, backend);

  let corpusCache: Promise<Example[]> | null = null;
  const corpus = () => (corpusCache ??= readCorpusExamples(dir));
  const { model, tokenizer, resumeFrom } = await startingPoint(args, stage, out, corpus, log);
  const { config } = model;
  try {
    let data: StageData;
    const pairsWeight = numberFlag(args, 'pairs-weight', DEFAULT_PAIRS_WEIGHT);
    let pretrain: ReturnType<typeof pretrainInputs> | null = null;
    if (stage === 'pretrain') {
      const pairs = stringFlag(args, 'lm-pairs', 'on') !== 'off';
      const matching = pairMatchingFor(config);
      const shuffledPairs = matching !== null && pairs && pairsWeight > 0;
      pretrain = pretrainInputs(tokenizer, await corpus(), config.contextLength, { heldOutFraction: numberFlag(args, 'held-out', 0.05), pairs, matching, shuffledPairs, seed: numberFlag(args, 'seed', 1) });
      data = pretrain.train;
      const windows = data.sequences.length - pretrain.documents.pairs * (shuffledPairs ? 2 : 1);
      log(`pretraining text: ${pretrain.documents.train} documents in ${windows} windows of ${config.contextLength} tokens, ${pretrain.documents.pairs} relevance prompts; ${pretrain.documents.heldOut} documents held out`);
    } else {
      data = classificationInputs(tokenizer, await readSplit(dir, 'train'), config.contextLength, join(dir, 'train.jsonl'), pairMatchingFor(config));
      log(`${stage}: ${data.sequences.length} labelled pairs from ${join(dir, 'train.jsonl')}`);
    }
    const batchSize = numberFlag(args, 'batch', 16);
    // Defaults: the recipe's pretraining steps, or its epochs for probe and finetune.
    const steps = args.flags.steps !== undefined ? numberFlag(args, 'steps') : stage === 'pretrain' && args.flags.epochs === undefined ? SMALL_RECIPE.pretrain.steps : undefined;
    const epochs = steps === undefined ? numberFlag(args, 'epochs', stage === 'pretrain' ? 1 : SMALL_RECIPE[stage].epochs) : undefined;
    const perEpoch = Math.ceil(data.sequences.length / batchSize);
    const total = steps ?? Math.max(1, Math.round(epochs! * perEpoch));
    const learningRate = numberFlag(args, 'lr', DEFAULT_LR[stage]);
    log(`${stage} on ${backend} (${threads} thread${threads === 1 ? '' : 's'}): ${total} steps of ${batchSize} (${perEpoch} per epoch), peak lr ${learningRate}, seed ${numberFlag(args, 'seed', 1)}${stage === 'pretrain' ? '' : `, loss ${loss === CROSS_ENTROPY ? 'ce' : 'occ'}`}`);

    const control = new JobControl('train');
    const stopAfter = args.flags['stop-after'] !== undefined ? numberFlag(args, 'stop-after') : Infinity;
    const interrupt = () => control.cancel();
    process.once('SIGINT', interrupt);
    let lastStep = 0;
    let result: StageResult;
    try {
      result = await trainStage({
        model,
        pairsWeight,
        control,
        onStep: (step) => {
          lastStep = step;
          if (step >= stopAfter) control.cancel();
        },
        stage,
        data,
        steps,
        epochs,
        learningRate,
        loss,
        batchSize,
        seed: numberFlag(args, 'seed', 1),
        checkpointEvery: numberFlag(args, 'checkpoint-every', Math.max(50, Math.ceil(total / 10))),
        // onStep sees a step when its loss is read: --stop-after reads every step to stop where asked.
        lossEvery: numberFlag(args, 'loss-every', stopAfter < Infinity ? 1 : DEFAULT_LOSS_EVERY),
        sink: new FileCheckpointSink(out),
        tokenizer: tokenizerToLabJson(tokenizer),
        resumeFrom,
        progressIntervalMs: numberFlag(args, 'progress-seconds', 10) * 1000,
        onProgress: (p) => {
          const f = p.figures;
          if (p.stage === 'probe-features') {
            if (p.step === p.total) log(`probe: pooled features of ${p.total} pairs computed`);
            return;
          }
          log(`step ${String(p.step).padStart(String(p.total).length)}/${p.total}  loss ${f.loss.toFixed(4)}  lr ${f.learningRate.toExponential(2)}  |g| ${f.gradNorm.toFixed(2)}  ${f.tokensPerSecond.toFixed(0)} tokens/s  elapsed ${formatSeconds(p.elapsedSeconds)}  ETA ${formatSeconds(p.etaSeconds)}`);
        },
      });
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      log(`stopped after step ${lastStep}; ${out} keeps the last periodic checkpoint: continue with --resume`);
      return { stage, result: null, wallSeconds: (performance.now() - wallStart) / 1000 };
    } finally {
      process.off('SIGINT', interrupt);
    }
    log(`${stage}: ${result.steps} steps in ${formatSeconds(result.seconds)} (${(result.tokens / result.seconds).toFixed(0)} tokens/s); ${describeFinalLoss(result.losses, result.finalLoss)}; wrote ${out}`);

    const outcome: TrainOutcome = { stage, result, wallSeconds: 0 };
    if (pretrain && pretrain.heldOut.length > 0) {
      const heldOutLoss = await heldOutLmLoss(model, pretrain.heldOut);
      const unigramEntropy = unigramCrossEntropy(pretrain.trainDocuments, pretrain.heldOut, config.vocabSize);
      outcome.lm = { heldOutLoss, unigramEntropy, heldOutDocuments: pretrain.heldOut.length };
      log(`held-out LM loss ${heldOutLoss.toFixed(4)} nats/token; unigram entropy (add-one) ${unigramEntropy.toFixed(4)} nats/token (${pretrain.heldOut.length} documents)`);
    }
    if (stage !== 'pretrain') {
      const val = await readSplit(dir, 'val', true);
      if (val.length > 0) {
        outcome.val = await evaluateClassifier(model, tokenizer, val, { batchSize: 32 }, join(dir, 'val.jsonl'));
        log(`val macro-F1 ${outcome.val.macroF1.toFixed(4)}  accuracy ${outcome.val.accuracy.toFixed(4)}  (n=${outcome.val.count})`);
      }
    }
    outcome.wallSeconds = (performance.now() - wallStart) / 1000;
    return outcome;
  } finally {
    await stopThreads();
    disposeGpt(model);
    if (tf.memory().numTensors > 0 && args.flags['check-leaks'] === true) log(`tensors left: ${tf.memory().numTensors}`);
  }
}

const command: CliCommand = {
  summary: 'train the relevance LM: pretrain, probe or finetune stage, with checkpoints',
  async run(args) {
    await runTrain(args);
    return 0;
  },
};

export default command;

/** The last batch alone can be short or unusual: the mean of the last steps is what the progress lines show. */
export function describeFinalLoss(losses: readonly number[], finalLoss: number): string {
  const tail = losses.slice(-Math.min(50, losses.length));
  if (tail.length < 2) return `final loss ${finalLoss.toFixed(4)}`;
  const mean = tail.reduce((sum, loss) => sum + loss, 0) / tail.length;
  return `loss ${mean.toFixed(4)} (mean of the last ${tail.length} steps; last batch ${finalLoss.toFixed(4)})`;
}
