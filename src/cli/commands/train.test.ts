import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelCheckpointFile } from '../../core/checkpoint/node-file';
import { examplesFromJsonl } from '../../core/data/jsonl';
import { loadTokenizerFile } from '../../core/tokenizer';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import tokenizerTrain from './tokenizer-train';
import { runScore } from './score';
import { describeFinalLoss, runTrain } from './train';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });
const quiet = () => {};

describe('train -> score from the command line (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-train-'));
    await writeGeneratedDataset({ seed: 4, sizes: { train: 48, val: 12, test_id: 20, test_ood: 10, pool: 30 } }, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('pretrains with a fresh tokenizer, fine-tunes from it, and scores a JSONL file', async () => {
    const common = { data: dir, preset: 'nano', batch: '8', seed: '2', vocab: '512', backend: 'wasm' };
    const pre = await runTrain(args({ ...common, stage: 'pretrain', out: join(dir, 'pre.safetensors'), steps: '3' }), quiet);
    expect(pre.result!.steps).toBe(3);
    expect(pre.lm!.heldOutLoss).toBeGreaterThan(0);
    expect(pre.lm!.unigramEntropy).toBeGreaterThan(0);
    const pretrained = await readModelCheckpointFile(join(dir, 'pre.safetensors'));
    expect(pretrained.training).toMatchObject({ stage: 'pretrain', step: 3, totalSteps: 3 });
    const tokenizer = loadTokenizerFile(pretrained.tokenizer!);
    expect(pretrained.config).toMatchObject({ vocabSize: tokenizer.vocabSize, padId: tokenizer.special.pad, clsId: tokenizer.special.cls });

    const lines: string[] = [];
    const ft = await runTrain(args({ ...common, stage: 'finetune', init: join(dir, 'pre.safetensors'), out: join(dir, 'ft.safetensors'), epochs: '1', loss: 'ce' }), (l) => void lines.push(l));
    expect(ft.result!.totalSteps).toBe(6); // 48 pairs / 8
    expect(ft.val!.count).toBe(12);
    expect(lines.some((l) => /^step +6\/6 +loss \d\.\d{4} .* tokens\/s .*ETA/.test(l))).toBe(true);
    const finetuned = await readModelCheckpointFile(join(dir, 'ft.safetensors'));
    expect(finetuned.tokenizer).toBe(pretrained.tokenizer);
    expect(finetuned.training!.loss!.confidencePenalty).toBe(0);

    const out = join(dir, 'scores.jsonl');
    expect(await runScore(args({ checkpoint: join(dir, 'ft.safetensors'), data: join(dir, 'test_id.jsonl'), out }))).toBe(20);
    const examples = examplesFromJsonl(await readFile(join(dir, 'test_id.jsonl'), 'utf8'));
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(rows.map((r) => r.id)).toEqual(examples.map((e) => e.id));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'probs']);
      expect(row.probs).toHaveLength(3);
      expect(row.probs.reduce((a: number, b: number) => a + b)).toBeCloseTo(1, 6);
    }
  });

  it('refuses numbers outside the sane ranges by their flags before any work', async () => {
    const common = { data: dir, preset: 'nano', stage: 'finetune', out: join(dir, 'refused.safetensors'), vocab: '512', backend: 'wasm', steps: '1' };
    await expect(runTrain(args({ ...common, lr: '1e30' }), quiet)).rejects.toThrow('--lr must be a number from 1e-8 to 1; got 1e+30.');
    await expect(runTrain(args({ ...common, batch: '100000' }), quiet)).rejects.toThrow('--batch must be a whole number from 1 to 4096; got 100000.');
    await expect(readFile(join(dir, 'refused.safetensors'))).rejects.toThrow(/ENOENT/);
  });

  it('--stop-after leaves a checkpoint that --resume continues exactly', async () => {
    const common = { data: dir, preset: 'nano', batch: '8', seed: '2', vocab: '512', stage: 'finetune', steps: '4', 'checkpoint-every': '2' };
    const straight = await runTrain(args({ ...common, out: join(dir, 'straight.safetensors') }), quiet);
    const out = join(dir, 'resume.safetensors');
    const lines: string[] = [];
    const stopped = await runTrain(args({ ...common, out, 'stop-after': '2' }), (l) => void lines.push(l));
    expect(stopped.result).toBeNull();
    expect(lines.at(-1)).toMatch(/stopped after step 2; .* continue with --resume/);
    expect((await readModelCheckpointFile(out)).training!.step).toBe(2);
    const resumed = await runTrain(args({ ...common, out, resume: true }), (l) => void lines.push(l));
    expect(lines.some((l) => /resuming finetune .* at step 2 of 4/.test(l))).toBe(true);
    expect(resumed.result!.startStep).toBe(2);
    resumed.result!.losses.forEach((loss, i) => expect(loss).toBeCloseTo(straight.result!.losses[i + 2], 5));
  });

  it('tokenizer train writes a tokenizer file of the asked size', async () => {
    const out = join(dir, 'tok.json');
    expect(await tokenizerTrain.run(args({ data: dir, vocab: '600', out }))).toBe(0);
    expect(loadTokenizerFile(await readFile(out, 'utf8')).vocabSize).toBeLessThanOrEqual(600);
  });

  it('rejects bad options with a usage error', async () => {
    await expect(runTrain(args({ data: dir, out: join(dir, 'x.safetensors'), stage: 'warmup' }), quiet)).rejects.toThrow(/--stage must be one of pretrain, probe, finetune/);
    await expect(runTrain(args({ data: dir, out: join(dir, 'x.safetensors'), steps: '2', epochs: '1' }), quiet)).rejects.toThrow(/not both/);
  });
});

describe('formatSeconds', () => {
  it('writes seconds and minutes without a 60-second remainder', async () => {
    const { formatSeconds } = await import('./format-seconds');
    expect([formatSeconds(null), formatSeconds(7.4), formatSeconds(59.6), formatSeconds(179.6), formatSeconds(605)]).toEqual(['?', '7s', '1m00s', '3m00s', '10m05s']);
  });
});

describe('describeFinalLoss', () => {
  it('reports the mean of the last steps next to the last batch, and the batch alone with one step', () => {
    expect(describeFinalLoss([1, 0.5, 0.3], 0.3)).toBe('loss 0.6000 (mean of the last 3 steps; last batch 0.3000)');
    const many = Array.from({ length: 60 }, (_, i) => (i < 10 ? 9 : 0.5));
    expect(describeFinalLoss(many, 0.5)).toBe('loss 0.5000 (mean of the last 50 steps; last batch 0.5000)');
    expect(describeFinalLoss([0.7], 0.7)).toBe('final loss 0.7000');
  });
});
