import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLmCheck } from './check-lm';
import { writeGeneratedDataset } from './data-generate';

let dir: string;

describe('check-lm (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-check-lm-'));
    await writeGeneratedDataset({ seed: 6, sizes: { train: 32, val: 8, test_id: 16, test_ood: 8, pool: 24 } }, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs pretrain then finetune and prints both pairs of numbers', async () => {
    const lines: string[] = [];
    const report = await runLmCheck(
      { positional: [], flags: { data: dir, preset: 'nano', vocab: '512', 'pretrain-steps': '2', 'finetune-epochs': '0.5', batch: '8', work: join(dir, 'work') } },
      (line) => void lines.push(line),
    );
    for (const value of Object.values(report)) expect(Number.isFinite(value)).toBe(true);
    expect(report.modelMacroF1).toBeGreaterThanOrEqual(0);
    expect(report.modelMacroF1).toBeLessThanOrEqual(1);
    expect(lines.some((l) => /^\(a\) held-out LM loss \d+\.\d{4} nats\/token vs unigram entropy \d+\.\d{4} nats\/token: (PASS|FAIL)/.test(l))).toBe(true);
    expect(lines.some((l) => /^\(b\) test_id macro-F1 \d\.\d{4} \(nano, fine-tuned\) vs \d\.\d{4} \(bag-of-words\): (PASS|FAIL)/.test(l))).toBe(true);
    const overlap = lines.find((l) => /^\(b\) test_id macro-F1 \d\.\d{4} \(nano, fine-tuned\) vs \d\.\d{4} \(overlap baseline\): (PASS|FAIL)$/.test(l));
    expect(overlap).toBeDefined();
    expect(overlap!.endsWith(report.modelMacroF1 > report.overlapMacroF1 ? 'PASS' : 'FAIL')).toBe(true);
    expect(overlap).toContain(report.overlapMacroF1.toFixed(4));
  });
});
