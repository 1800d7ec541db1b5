// `npm run darl -- train --data DIR --preset nano|small|base --stage pretrain|probe|finetune
//     [--init CHECKPOINT|DIR] --out CHECKPOINT [--steps N | --epochs E] [--lr X] [--batch B] [--seed S]
//     [--loss ce|occ] [--backend cpu|wasm] [--checkpoint-every N] [--resume] [--vocab N]
//     [--held-out F] [--lm-pairs on|off] [--pairs-weight W] [--progress-seconds S] [--stop-after N] [--threads N]
//     [--loss-every N]`
// Defaults (steps / epochs, --lr, --loss) are the small preset's recipe, SMALL_RECIPE in src/core/training/loop/recipe.ts.
// The engine trains (trainFromFiles, src/engine/node-host-training.ts); this parses the flags and prints.
// Without --init a tokenizer is trained on DIR's text first and a fresh model is built around it.
// --init takes a lab checkpoint or a Hugging Face GPT-2 folder (model-source.ts, docs/INTEROP.md).
// Periodic checkpoints go to --out itself (replaced atomically; the one before waits in
// --out.previous until the stage ends); --resume continues an unfinished run of the same stage from
// the newest of the two that reads back whole. Ctrl-C (or --stop-after N steps) stops after the current step;
// the last periodic checkpoint stays in --out. --threads N splits each batch over N threads
// (default: one per logical core, at most 4, on wasm; cli-threads.ts). --loss-every N reads the loss back
// once per N steps (default 8, or 1 with --stop-after so the stop is exact; docs/TRAINING.md, "Reading the loss").
import { TRAINING_STAGES, type TrainingStage } from '../../core/checkpoint/types';
import { GPT_PRESETS, type GptPresetName } from '../../core/model/gpt';
import { requireInRange, TRAINING_RANGES } from '../../core/training/step/setting-ranges';
import type { FileTrainingEvent, FileTrainingOutcome, FileTrainingRequest } from '../../engine/node-host-types';
import type { JobProgress } from '../../core/job/progress';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { startEngine, withInterrupt } from './cli-engine';
import { threadsFlag } from './cli-threads';
import { formatSeconds } from './format-seconds';
import { logModelSource } from './model-source';

function choice<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringFlag(args, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) throw new CliUsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export interface TrainOutcome extends FileTrainingOutcome {
  wallSeconds: number;
}

/** The numeric flags against the lab's sane ranges (training/setting-ranges.ts), before any work, named as typed. */
function checkRangeFlags(args: ParsedArgs): void {
  const flags = { lr: 'learningRate', batch: 'batchSize', steps: 'steps', epochs: 'epochs', seed: 'seed', 'checkpoint-every': 'checkpointEvery', 'pairs-weight': 'pairsWeight', 'held-out': 'heldOutFraction', 'loss-every': 'lossEvery' } as const;
  for (const [flag, setting] of Object.entries(flags)) {
    if (args.flags[flag] !== undefined) requireInRange(`--${flag}`, numberFlag(args, flag), TRAINING_RANGES[setting], CliUsageError);
  }
}

const optionalNumber = (args: ParsedArgs, name: string): number | undefined => (args.flags[name] !== undefined ? numberFlag(args, name) : undefined);

function trainingRequest(args: ParsedArgs, stage: TrainingStage): FileTrainingRequest {
  const dataDir = stringFlag(args, 'data');
  const out = stringFlag(args, 'out');
  const loss = args.flags.loss !== undefined ? choice<'ce' | 'occ'>(args, 'loss', ['ce', 'occ'], 'occ') : undefined;
  if (args.flags.steps !== undefined && args.flags.epochs !== undefined) throw new CliUsageError('give --steps or --epochs, not both');
  checkRangeFlags(args);
  const init = typeof args.flags.init === 'string' ? args.flags.init : undefined;
  return {
    stage,
    dataDir,
    out,
    initPath: init,
    preset: init === undefined ? choice(args, 'preset', Object.keys(GPT_PRESETS) as GptPresetName[], 'small') : undefined,
    vocabSize: optionalNumber(args, 'vocab'),
    resume: args.flags.resume === true,
    steps: optionalNumber(args, 'steps'),
    epochs: optionalNumber(args, 'epochs'),
    learningRate: optionalNumber(args, 'lr'),
    batchSize: optionalNumber(args, 'batch'),
    seed: optionalNumber(args, 'seed'),
    loss,
    checkpointEvery: optionalNumber(args, 'checkpoint-every'),
    lossEvery: optionalNumber(args, 'loss-every'),
    heldOutFraction: optionalNumber(args, 'held-out'),
    lmPairs: stringFlag(args, 'lm-pairs', 'on') !== 'off',
    pairsWeight: optionalNumber(args, 'pairs-weight'),
    progressIntervalMs: numberFlag(args, 'progress-seconds', 10) * 1000,
    stopAfter: optionalNumber(args, 'stop-after'),
  };
}

/** The engine's account of the stage, as lines. */
function eventLine(event: FileTrainingEvent, request: FileTrainingRequest, how: string): string[] {
  const { stage, out } = request;
  switch (event.kind) {
    case 'resuming':
      return [`resuming ${stage} from ${out} at step ${event.step} of ${event.totalSteps}`];
    case 'nothing-to-resume':
      return [`${out} holds no unfinished ${stage} run; starting afresh`];
    case 'initialised': {
      const lines: string[] = [];
      logModelSource(event.path, event.source, (line) => lines.push(line));
      return [...lines, `initialised from ${event.path}`];
    }
    case 'tokenizer':
      return [`trained a tokenizer: ${event.vocabSize} tokens in ${event.seconds.toFixed(1)} s`];
    case 'pretraining-text':
      return [`pretraining text: ${event.documents} documents in ${event.windows} windows of ${event.contextLength} tokens, ${event.pairs} relevance prompts; ${event.heldOut} documents held out`];
    case 'labelled-pairs':
      return [`${stage}: ${event.pairs} labelled pairs from ${event.file}`];
    case 'plan':
      return [`${stage} on ${how}: ${event.totalSteps} steps of ${event.batchSize} (${event.perEpoch} per epoch), peak lr ${event.learningRate}, seed ${event.seed}${event.loss === null ? '' : `, loss ${event.loss}`}`];
    case 'trained': {
      const { result } = event;
      return [`${stage}: ${result.steps} steps in ${formatSeconds(result.seconds)} (${(result.tokens / result.seconds).toFixed(0)} tokens/s); ${describeFinalLoss(result.losses, result.finalLoss)}; wrote ${out}`];
    }
    case 'stopped':
      return [`stopped after step ${event.step}; ${out} keeps the last periodic checkpoint: continue with --resume`];
  }
}

function progressLine(p: JobProgress): string | null {
  const f = p.figures;
  if (p.stage === 'probe-features') return p.step === p.total ? `probe: pooled features of ${p.total} pairs computed` : null;
  return `step ${String(p.step).padStart(String(p.total).length)}/${p.total}  loss ${f.loss.toFixed(4)}  lr ${f.learningRate.toExponential(2)}  |g| ${f.gradNorm.toFixed(2)}  ${f.tokensPerSecond.toFixed(0)} tokens/s  elapsed ${formatSeconds(p.elapsedSeconds)}  ETA ${formatSeconds(p.etaSeconds)}`;
}

export async function runTrain(args: ParsedArgs, log: (line: string) => void = console.log): Promise<TrainOutcome> {
  const wallStart = performance.now();
  // Checked in this order: --data, --out, --stage, --backend, then the rest.
  stringFlag(args, 'data');
  stringFlag(args, 'out');
  const stage = choice(args, 'stage', TRAINING_STAGES, 'finetune');
  const backend = choice(args, 'backend', ['cpu', 'wasm'], 'wasm');
  const request = trainingRequest(args, stage);
  const threads = threadsFlag(args, backend);
  const engine = await startEngine(backend, threads);
  try {
    const how = `${backend} (${threads} thread${threads === 1 ? '' : 's'})`;
    const outcome = await withInterrupt(engine, () =>
      engine.trainFromFiles(
        request,
        (event) => eventLine(event, request, how).forEach((line) => log(line)),
        (progress) => {
          const line = progressLine(progress);
          if (line !== null) log(line);
        },
      ),
    );
    if (outcome.lm) log(`held-out LM loss ${outcome.lm.heldOutLoss.toFixed(4)} nats/token; unigram entropy (add-one) ${outcome.lm.unigramEntropy.toFixed(4)} nats/token (${outcome.lm.heldOutDocuments} documents)`);
    if (outcome.val) log(`val macro-F1 ${outcome.val.macroF1.toFixed(4)}  accuracy ${outcome.val.accuracy.toFixed(4)}  (n=${outcome.val.count})`);
    return { ...outcome, wallSeconds: (performance.now() - wallStart) / 1000 };
  } finally {
    await engine.close();
    const { numTensors } = await engine.memory();
    if (numTensors > 0 && args.flags['check-leaks'] === true) log(`tensors left: ${numTensors}`);
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
