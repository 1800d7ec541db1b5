import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PredictionsMismatchError } from '../../core/experiment/prediction-rows';
import type { ExperimentReport } from '../../core/experiment/report';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { MissingPredictionsError, runReport } from './report';
import { runRun } from './run';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });
const quiet = () => {};
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as ExperimentReport;

describe('report: paired bootstrap intervals and claims of an existing run (nano, tiny data, wasm)', () => {
  let report: ExperimentReport;
  let out: string;
  let data: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-report-'));
    data = join(dir, 'data');
    out = join(dir, 'out');
    await writeGeneratedDataset({ seed: 7, sizes: { train: 80, val: 24, test_id: 36, test_ood: 24, pool: 60 } }, data);
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ interpolate: { alphas: [0, 1] }, pretrain: { vocabSize: 512 } }));
    const flags = { data, out, preset: 'nano', seeds: '1,2', variants: 'ce-ft,darl,ce-ft+dasa', 'pretrain-steps': '4', 'probe-epochs': '1', 'ft-steps': '4', settings: join(dir, 'settings.json') };
    report = (await runRun(args(flags), quiet))!;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('run ends with the intervals and claims, and report recomputes exactly them from the files', async () => {
    expect(report.pairedDifferences).toHaveLength(3 * 2 * 4);
    expect(report.claims!.map((claim) => `${claim.a} - ${claim.b} ${claim.split} ${claim.metric}${claim.temperatureScaled ? ' after temperature' : ''}`)).toEqual([
      'darl - ce-ft test_ood macro_f1',
      'darl - ce-ft+dasa test_ood macro_f1',
      'darl - ce-ft+dasa test_ood ece',
      'darl - ce-ft+dasa test_ood ece after temperature',
      'darl - ce-ft+dasa test_id ece',
      'ce-ft+dasa - ce-ft test_ood macro_f1',
    ]);
    const lines: string[] = [];
    const again = await runReport(args({ data, out }), (line) => void lines.push(line));
    expect(again.pairedDifferences).toEqual(report.pairedDifferences);
    expect(again.claims).toEqual(report.claims);
    expect(lines.at(-1)).toMatch(/rewrote .*report\.json and report\.md: 24 paired differences, 6 claims, 2000 replicates/);
    for (const d of report.pairedDifferences!) {
      expect(d).toMatchObject({ replicates: 2000, seeds: 2, method: 'paired-bootstrap-seeds-x-queries-percentile' });
      expect(d.low).toBeLessThanOrEqual(d.high);
      // The point estimate is the plain difference of the seed means the report already holds.
      const mean = (variant: string) => (report.results[variant]['1'][d.split][d.metric] + report.results[variant]['2'][d.split][d.metric]) / 2;
      expect(d.mean).toBeCloseTo(mean(d.a) - mean(d.b), 12);
    }
  });

  it('rewrites report.json and report.md in place with --replicates and --seed, the rest unchanged', async () => {
    const updated = await runReport(args({ data, out, replicates: '300', seed: '5' }), quiet);
    const onDisk = await readJson(join(out, 'report.json'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(updated)));
    const { pairedDifferences: _a, claims: _b, pairedDifferencesByShift: _e, ...rest } = onDisk;
    const { pairedDifferences: _c, claims: _d, pairedDifferencesByShift: _f, ...before } = JSON.parse(JSON.stringify(report)) as ExperimentReport;
    expect(rest).toEqual(before);
    expect(onDisk.pairedDifferences!.every((d) => d.replicates === 300 && d.rng_seed === 5)).toBe(true);
    expect(onDisk.pairedDifferencesByShift!.length).toBeGreaterThan(0);
    expect(onDisk.pairedDifferencesByShift!.every((d) => d.replicates === 300 && d.rng_seed === 5)).toBe(true);
    const markdown = await readFile(join(out, 'report.md'), 'utf8');
    expect(markdown).toMatch(/^\| DaRL as a whole beats plain fine-tuning under shift \| `darl` - `ce-ft`, OOD macro-F1 \(higher is better\) \| [-+][0-9.]+ \| \[[-+][0-9.]+, [-+][0-9.]+\] \| 2 \| (shown|not shown|opposite shown) \| \[[-+][0-9.]+, [-+][0-9.]+\] (shown|not shown|opposite shown) \|$/m);
    expect(markdown).toContain('## Paired differences (bootstrap)');
    expect(markdown).toContain('300 replicates, seed 5');
  });

  it('names a missing predictions file and leaves the report as it was', async () => {
    const copy = join(dir, 'missing');
    await cp(out, copy, { recursive: true, filter: (path) => !path.includes('store') });
    const before = await readFile(join(copy, 'report.json'), 'utf8');
    await unlink(join(copy, 'predictions', 'ce-ft+dasa', 'seed2', 'test_ood.jsonl'));
    await expect(runReport(args({ data, out: copy }), quiet)).rejects.toThrow(MissingPredictionsError);
    await expect(runReport(args({ data, out: copy }), quiet)).rejects.toThrow(/predictions\/ce-ft\+dasa\/seed2\/test_ood\.jsonl is missing/);
    expect(await readFile(join(copy, 'report.json'), 'utf8')).toBe(before);
  });

  it('names the predictions file whose ids are not in the data', async () => {
    const other = join(dir, 'other-data');
    await writeGeneratedDataset({ seed: 7, sizes: { train: 80, val: 24, test_id: 10, test_ood: 24, pool: 60 } }, other);
    await expect(runReport(args({ data: other, out }), quiet)).rejects.toThrow(PredictionsMismatchError);
    await expect(runReport(args({ data: other, out }), quiet)).rejects.toThrow(/predictions\/ce-ft\/seed1\/test_id\.jsonl row \d+: id "[^"]+" is not a row of the data's test split/);
  });

  it('rejects a bad --replicates', async () => {
    await expect(runReport(args({ data, out, replicates: '10' }), quiet)).rejects.toThrow(/--replicates must be a whole number of at least 100/);
  });
});
