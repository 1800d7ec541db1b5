// `run --pretrained shipped|DIR`: every seed starts from the one shipped model, keyed by its files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_MODELS_DIR } from '../../core/pipeline/shipped/node-folder';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { runRun } from './run';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });
const quiet = () => {};

describe('run --pretrained (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-run-pretrained-'));
    await writeGeneratedDataset({ seed: 7, sizes: { train: 60, val: 20, test_id: 24, test_ood: 20, pool: 30 } }, join(dir, 'data'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts both seeds from the shipped model: read once, shared by the second seed, recorded in the report', async () => {
    const flags = { data: join(dir, 'data'), out: join(dir, 'out'), preset: 'nano', seeds: '1,2', variants: 'ce-ft', 'ft-steps': '3', pretrained: 'shipped', threads: '1' };
    const lines: string[] = [];
    const report = (await runRun(args(flags), (line) => lines.push(line)))!;
    expect(report.config.settings['ce-ft'].pretrain.source).toBe('shipped');
    expect(report.results['ce-ft']['1'].stages.pretrain).toMatchObject({ status: 'computed' });
    expect(report.results['ce-ft']['2'].stages.pretrain).toMatchObject({ status: 'shared', computed_by: 'ce-ft/seed1' });
    expect(report.results['ce-ft']['2'].stages.pretrain!.key).toBe(report.results['ce-ft']['1'].stages.pretrain!.key);

    // The same model from its folder has the same key: found in the run store.
    const again = (await runRun(args({ ...flags, pretrained: join(SHIPPED_MODELS_DIR, 'nano'), out: join(dir, 'out2'), store: join(dir, 'out', 'store') }), quiet))!;
    expect(again.results['ce-ft']['1'].stages.pretrain).toMatchObject({ status: 'stored', key: report.results['ce-ft']['1'].stages.pretrain!.key });
  }, 120_000);

  it('refuses a shipped model of another preset', async () => {
    const flags = { data: join(dir, 'data'), out: join(dir, 'out3'), preset: 'small', variants: 'ce-ft', pretrained: join(SHIPPED_MODELS_DIR, 'nano'), threads: '1' };
    await expect(runRun(args(flags), quiet)).rejects.toThrow(/holds a nano model.*--preset nano/);
  }, 60_000);
});
