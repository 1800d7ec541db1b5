import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../args';
import { runBaseline } from './data-baseline';
import { writeGeneratedDataset } from './data-generate';

const root = await mkdtemp(join(tmpdir(), 'data-baseline-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('data baseline', () => {
  it('trains on a generated folder and reports ID and OOD macro-F1 with their gap', async () => {
    const dir = join(root, 'small');
    await writeGeneratedDataset({ seed: 3, sizes: { train: 1500, val: 10, test_id: 400, test_ood: 400, pool: 10 } }, dir);
    const report = await runBaseline(parseArgs(['--data', dir, '--epochs', '8']));
    expect(report.id.count).toBe(400);
    expect(report.ood.count).toBe(400);
    expect(report.id.macroF1).toBeGreaterThan(0.45);
    expect(report.macroF1Gap).toBeCloseTo(report.id.macroF1 - report.ood.macroF1, 12);
  });

  it('names the file and line of a broken file', async () => {
    const dir = join(root, 'broken');
    await writeGeneratedDataset({ seed: 3, sizes: { train: 20, val: 5, test_id: 10, test_ood: 10, pool: 5 } }, dir);
    await writeFile(join(dir, 'test_id.jsonl'), '{"id":1}\n');
    await expect(runBaseline(parseArgs(['--data', dir]))).rejects.toThrow(/test_id\.jsonl, line 1: "id" must be a string/);
  });
});
