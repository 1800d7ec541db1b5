// `run --pretrained DIR` with a Hugging Face GPT-2 folder: every seed starts from the imported model,
// keyed by its files (a copy of the folder elsewhere is found in the run store); a folder of another
// preset's shape is refused by name; a shape of its own runs with the named preset's budget.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { huggingFaceFolder } from '../../core/huggingface/export-folder';
import { writeFolder } from '../../core/huggingface/node-folder';
import { sampleLabCheckpoint, sampleTokenizer } from '../../core/huggingface/test-support';
import { openShippedFolder, SHIPPED_MODELS_DIR } from '../../core/pipeline/shipped/node-folder';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { runRun } from './run';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });

describe('run --pretrained with a Hugging Face GPT-2 folder (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-run-hf-'));
    await writeGeneratedDataset({ seed: 7, sizes: { train: 60, val: 20, test_id: 24, test_ood: 20, pool: 30 } }, join(dir, 'data'));
    // The shipped nano model, exported as a GPT-2 folder: the nano preset's shape.
    const nano = await (await openShippedFolder(join(SHIPPED_MODELS_DIR, 'nano'))).load();
    await writeFolder(join(dir, 'gpt2-nano'), huggingFaceFolder(nano, { head: false }));
    await writeFolder(join(dir, 'gpt2-own'), huggingFaceFolder(sampleLabCheckpoint(sampleTokenizer(), 5, { contextLength: 48 }), { head: false }));
  }, 60_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports the folder once for both seeds, keyed by its files: the same files elsewhere are found in the store', async () => {
    const flags = { data: join(dir, 'data'), out: join(dir, 'out'), preset: 'nano', seeds: '1,2', variants: 'ce-ft', 'ft-steps': '3', pretrained: join(dir, 'gpt2-nano'), threads: '1' };
    const lines: string[] = [];
    const report = (await runRun(args(flags), (line) => lines.push(line)))!;
    expect(lines.join('\n')).toContain("a GPT-2 of the nano preset's shape (n_layer 2, n_head 2, n_embd 32, n_positions 64, n_inner 128)");
    const first = report.results['ce-ft']['1'].stages.pretrain!;
    expect(first).toMatchObject({ status: 'computed' });
    expect(report.results['ce-ft']['2'].stages.pretrain).toMatchObject({ status: 'shared', computed_by: 'ce-ft/seed1', key: first.key });
    expect(report.results['ce-ft']['1'].stages.finetune).toMatchObject({ status: 'computed' });

    await cp(join(dir, 'gpt2-nano'), join(dir, 'copy'), { recursive: true });
    const again = (await runRun(args({ ...flags, seeds: '1', pretrained: join(dir, 'copy'), out: join(dir, 'out2'), store: join(dir, 'out', 'store') }), () => {}))!;
    expect(again.results['ce-ft']['1'].stages.pretrain).toMatchObject({ status: 'stored', key: first.key });
  }, 180_000);

  it("refuses a folder of another preset's shape by name, before any stage runs", async () => {
    const flags = { data: join(dir, 'data'), out: join(dir, 'out3'), preset: 'small', variants: 'ce-ft', pretrained: join(dir, 'gpt2-nano'), threads: '1' };
    await expect(runRun(args(flags), () => {})).rejects.toThrow(/gpt2-nano\/config\.json has the nano preset's shape \(n_layer 2, .*\), but the run's preset is small; give --preset nano/);
  }, 60_000);

  it("runs a shape of its own with the named preset's budget, and says so", async () => {
    const flags = { data: join(dir, 'data'), out: join(dir, 'out4'), preset: 'nano', variants: 'ce-ft', 'ft-steps': '2', pretrained: join(dir, 'gpt2-own'), threads: '1' };
    const lines: string[] = [];
    const report = (await runRun(args(flags), (line) => lines.push(line)))!;
    expect(lines.join('\n')).toContain('a GPT-2 of its own shape (n_layer 2, n_head 2, n_embd 32, n_positions 48, n_inner 128) from config.json; --preset nano gives only the budget');
    expect(report.results['ce-ft']['1'].stages.evaluate).toMatchObject({ status: 'computed' });
  }, 180_000);
});
