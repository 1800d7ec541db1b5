// `npm run darl -- check-lm --data DIR [--preset small] [--pretrain-steps N] [--pretrain-lr X] [--finetune-epochs E]
//     [--probe-epochs E] [--finetune-lr X] [--loss ce|occ] [--batch B] [--seed S] [--backend wasm] [--work DIR]`
// The relevance LM's two quality checks, end to end on one data folder:
//   (a) pretrain: held-out LM loss against the unigram entropy of the held-out tokens (nats/token);
//   (b) probe then finetune the pretrained model (LP-FT): test_id macro-F1 against the bag-of-words baseline,
//       and against the overlap baseline (src/core/baseline/overlap-model.ts: printed with PASS/FAIL, not
//       part of the exit status, which stays the two checks above).
// Prints the numbers and the wall time of each part. Defaults: SMALL_RECIPE (src/core/training/loop/recipe.ts).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { trainBagOfWords, scoreModel } from '../../core/baseline/bag-of-words';
import { trainOverlapModel } from '../../core/baseline/overlap-model';
import { SMALL_RECIPE } from '../../core/training/loop/recipe';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { readSplit } from '../../engine/node-host-files';
import { startEngine } from './cli-engine';
import { runTrain } from './train';

export interface LmCheckReport {
  heldOutLoss: number;
  unigramEntropy: number;
  modelMacroF1: number;
  baselineMacroF1: number;
  /** test_id macro-F1 of the overlap baseline, fitted on the same train. */
  overlapMacroF1: number;
  pretrainSeconds: number;
  finetuneSeconds: number;
}

export async function runLmCheck(args: ParsedArgs, log: (line: string) => void = console.log): Promise<LmCheckReport> {
  const dir = stringFlag(args, 'data');
  const work = stringFlag(args, 'work', join(tmpdir(), 'relevance-lab-check-lm'));
  await mkdir(work, { recursive: true });
  const common = {
    data: dir,
    preset: stringFlag(args, 'preset', 'small'),
    batch: String(numberFlag(args, 'batch', 16)),
    seed: String(numberFlag(args, 'seed', 1)),
    backend: stringFlag(args, 'backend', 'wasm'),
    'progress-seconds': String(numberFlag(args, 'progress-seconds', 30)),
    ...(args.flags.vocab !== undefined ? { vocab: String(numberFlag(args, 'vocab')) } : {}),
  };
  const pretrained = join(work, 'pretrain.safetensors');
  const finetuned = join(work, 'finetune.safetensors');

  log(`(a) pretraining ${common.preset} on the corpus of ${dir}`);
  const pre = await runTrain({ positional: [], flags: { ...common, stage: 'pretrain', out: pretrained, steps: String(numberFlag(args, 'pretrain-steps', SMALL_RECIPE.pretrain.steps)), lr: String(numberFlag(args, 'pretrain-lr', SMALL_RECIPE.pretrain.learningRate)) } }, log);
  if (!pre.result) throw new CliUsageError('pretraining was stopped before its last step');
  // Probe then fine-tune (LP-FT): a trained head gives the backbone useful gradients from the first step.
  const probed = join(work, 'probe.safetensors');
  log(`(b) probing, then fine-tuning the pretrained model on ${join(dir, 'train.jsonl')}`);
  const probe = await runTrain(
    { positional: [], flags: { ...common, stage: 'probe', init: pretrained, out: probed, epochs: String(numberFlag(args, 'probe-epochs', SMALL_RECIPE.probe.epochs)), lr: String(SMALL_RECIPE.probe.learningRate), loss: stringFlag(args, 'loss', SMALL_RECIPE.probe.loss) } },
    log,
  );
  if (!probe.result) throw new CliUsageError('probing was stopped before its last step');
  const ft = await runTrain(
    { positional: [], flags: { ...common, stage: 'finetune', init: probed, out: finetuned, epochs: String(numberFlag(args, 'finetune-epochs', SMALL_RECIPE.finetune.epochs)), lr: String(numberFlag(args, 'finetune-lr', SMALL_RECIPE.finetune.learningRate)), loss: stringFlag(args, 'loss', SMALL_RECIPE.finetune.loss) } },
    log,
  );

  if (!ft.result) throw new CliUsageError('fine-tuning was stopped before its last step');
  const engine = await startEngine(common.backend, 1);
  const [train, testId] = await Promise.all([readSplit(dir, 'train'), readSplit(dir, 'test_id')]);
  const checkpoint = (await engine.readModelSource(finetuned)).checkpoint;
  const modelMacroF1 = (await engine.evaluateWithFile({ checkpoint, where: finetuned, examples: testId, batchSize: 32, what: 'test_id' })).macroF1;
  const baselineMacroF1 = scoreModel(trainBagOfWords(train), testId, 'test_id').macroF1;
  const overlapMacroF1 = scoreModel(trainOverlapModel(train), testId, 'test_id').macroF1;

  const report: LmCheckReport = {
    heldOutLoss: pre.lm!.heldOutLoss,
    unigramEntropy: pre.lm!.unigramEntropy,
    modelMacroF1,
    baselineMacroF1,
    overlapMacroF1,
    pretrainSeconds: pre.wallSeconds,
    finetuneSeconds: probe.wallSeconds + ft.wallSeconds,
  };
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  log('');
  log(`(a) held-out LM loss ${report.heldOutLoss.toFixed(4)} nats/token vs unigram entropy ${report.unigramEntropy.toFixed(4)} nats/token: ${verdict(report.heldOutLoss < report.unigramEntropy)}  (pretrain wall time ${report.pretrainSeconds.toFixed(0)} s)`);
  log(`(b) test_id macro-F1 ${report.modelMacroF1.toFixed(4)} (${common.preset}, fine-tuned) vs ${report.baselineMacroF1.toFixed(4)} (bag-of-words): ${verdict(report.modelMacroF1 > report.baselineMacroF1)}  (probe + finetune wall time ${report.finetuneSeconds.toFixed(0)} s)`);
  log(`(b) test_id macro-F1 ${report.modelMacroF1.toFixed(4)} (${common.preset}, fine-tuned) vs ${report.overlapMacroF1.toFixed(4)} (overlap baseline): ${verdict(report.modelMacroF1 > report.overlapMacroF1)}`);
  return report;
}

const command: CliCommand = {
  summary: "the relevance LM's quality checks: held-out LM loss vs unigram entropy, and test_id macro-F1 vs bag-of-words (and, shown, vs the overlap baseline)",
  async run(args) {
    const report = await runLmCheck(args);
    return report.heldOutLoss < report.unigramEntropy && report.modelMacroF1 > report.baselineMacroF1 ? 0 : 1;
  },
};

export default command;
