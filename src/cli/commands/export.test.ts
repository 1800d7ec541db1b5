import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelCheckpointToBytes } from '../../core/checkpoint/file';
import { sampleLabCheckpoint, sampleTokenizer } from '../../core/huggingface/test-support';
import { CliUsageError, type ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { runExport } from './export';
import { readModelSource } from '../../engine/node-host-model-source';
import { logModelSource } from './model-source';
import { runScore } from './score';
import { runTrain } from './train';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });
const quiet = () => {};
const tokenizer = sampleTokenizer();

describe('export --format hf, and Hugging Face folders as --init and --checkpoint', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-export-'));
    await writeGeneratedDataset({ seed: 4, sizes: { train: 16, val: 8, test_id: 6, test_ood: 4, pool: 4 } }, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the folder and reads it back as the same model', async () => {
    const checkpoint = sampleLabCheckpoint(tokenizer, 3);
    const path = join(dir, 'model.safetensors');
    await writeFile(path, modelCheckpointToBytes(checkpoint, 'model'));
    const lines: string[] = [];
    const files = await runExport(args({ checkpoint: path, format: 'hf', out: join(dir, 'hf'), head: 'on' }), (line) => void lines.push(line));
    expect(files).toEqual(['model.safetensors', 'config.json', 'tokenizer.json', 'tokenizer_config.json', 'lab.safetensors', 'README.md']);
    expect((await readdir(join(dir, 'hf'))).sort()).toEqual([...files].sort());
    expect(lines[0]).toMatch(/as GPT2ForSequenceClassification/);
    const back = await readModelSource(join(dir, 'hf'));
    logModelSource(join(dir, 'hf'), back, (line) => void lines.push(line));
    expect(back.checkpoint.config).toEqual(checkpoint.config);
    expect(lines.at(-1)).toMatch(/imported the GPT-2 folder .*: 2 layers, 2 heads, n_embd 32, .* with the lab's match signals/);
  });

  it('fine-tunes from a plain GPT-2 folder (--init DIR) and scores with one (--checkpoint DIR)', async () => {
    const plain = join(dir, 'gpt2');
    await writeFile(join(dir, 'plain.safetensors'), modelCheckpointToBytes(sampleLabCheckpoint(tokenizer, 4, { matchSignals: false }), 'plain'));
    await runExport(args({ checkpoint: join(dir, 'plain.safetensors'), out: plain, head: 'off' }), quiet);
    await unlink(join(plain, 'lab.safetensors'));
    const lines: string[] = [];
    const outcome = await runTrain(args({ data: dir, stage: 'finetune', init: plain, out: join(dir, 'ft.safetensors'), steps: '2', batch: '8', backend: 'cpu', threads: '1', loss: 'ce' }), (line) => void lines.push(line));
    expect(outcome.result!.steps).toBe(2);
    expect(outcome.val!.count).toBe(8);
    expect(lines).toContainEqual(expect.stringMatching(/no score\.weight: the grade classifier starts anew/));
    expect(await runScore(args({ checkpoint: plain, data: join(dir, 'test_id.jsonl'), out: join(dir, 'scores.jsonl'), backend: 'cpu' }))).toBe(6);
  });

  it('refuses another format and a bad --head by their flags', async () => {
    await expect(runExport(args({ checkpoint: 'x', format: 'onnx', out: join(dir, 'x') }))).rejects.toThrow(CliUsageError);
    await expect(runExport(args({ checkpoint: 'x', format: 'onnx', out: join(dir, 'x') }))).rejects.toThrow(/--format must be hf/);
    await expect(runExport(args({ checkpoint: 'x', head: 'yes', out: join(dir, 'x') }))).rejects.toThrow(/--head must be on or off/);
  });
});
