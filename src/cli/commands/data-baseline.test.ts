import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../args';
import { runBaseline, type BaselinesReport } from './data-baseline';
import { writeGeneratedDataset } from './data-generate';

const root = await mkdtemp(join(tmpdir(), 'data-baseline-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('data baseline', () => {
  const dir = join(root, 'small');
  let report: BaselinesReport;
  beforeAll(async () => {
    await writeGeneratedDataset({ seed: 3, sizes: { train: 1500, val: 10, test_id: 400, test_ood: 400, pool: 10 } }, dir);
    report = await runBaseline(parseArgs(['--data', dir, '--epochs', '8']));
  });

  it('trains both baselines on a generated folder and reports ID and OOD macro-F1 with their gap', () => {
    for (const baseline of [report.bagOfWords, report.overlap]) {
      expect(baseline.id.count).toBe(400);
      expect(baseline.ood.count).toBe(400);
      expect(baseline.id.macroF1).toBeGreaterThan(0.45);
      expect(baseline.macroF1Gap).toBeCloseTo(baseline.id.macroF1 - baseline.ood.macroF1, 12);
      expect(baseline.fitSeconds).toBeGreaterThan(0);
    }
    expect(report.overlap.classifier).toBe('gradient-boosting');
  });

  it('fits the overlap baseline with the softmax regression when asked, and refuses an unknown classifier', async () => {
    const regression = await runBaseline(parseArgs(['--data', dir, '--epochs', '1', '--classifier', 'softmax-regression']));
    expect(regression.overlap.classifier).toBe('softmax-regression');
    expect(regression.overlap.id.macroF1).not.toBe(report.overlap.id.macroF1);
    await expect(runBaseline(parseArgs(['--data', dir, '--classifier', 'forest']))).rejects.toThrow(/--classifier must be one of gradient-boosting, softmax-regression/);
  });

  it('names the file and line of a broken file', async () => {
    const broken = join(root, 'broken');
    await writeGeneratedDataset({ seed: 3, sizes: { train: 20, val: 5, test_id: 10, test_ood: 10, pool: 5 } }, broken);
    await writeFile(join(broken, 'test_id.jsonl'), '{"id":1}\n');
    await expect(runBaseline(parseArgs(['--data', broken]))).rejects.toThrow(/test_id\.jsonl:1:1: missing key "query"/);
  });
});
