import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureBaselines } from '../../core/baseline/baselines';
import { examplesFromJsonl } from '../../core/data/jsonl';
import type { Example } from '../../core/data/schema';
import type { ExperimentReport } from '../../core/experiment/report';
import { seedStat } from '../../core/experiment/stats';
import { VARIANTS } from '../../core/experiment/variants';
import { metricsByTag } from '../../core/metrics/by-tag';
import { evaluateSplit } from '../../core/metrics/evaluate-split';
import { scoresAtTemperature } from '../../core/metrics/temperature-scaling';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { parseSeeds, runRun } from './run';

let dir: string;
const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });
const quiet = () => {};
const METRIC_KEYS = ['accuracy', 'macro_f1', 'per_class', 'confusion_matrix', 'qwk', 'ece', 'nll', 'brier', 'reliability', 'auc', 'ndcg@5', 'ndcg@10', 'random_ndcg@5', 'random_ndcg@10'];

describe('run: the DaRL experiment from the command line (nano, tiny data, wasm)', () => {
  let report: ExperimentReport;
  let flags: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-run-'));
    await writeGeneratedDataset({ seed: 7, sizes: { train: 80, val: 24, test_id: 36, test_ood: 24, pool: 60 } }, join(dir, 'data'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ interpolate: { alphas: [0, 0.5, 1] }, pretrain: { vocabSize: 512 } }));
    flags = {
      data: join(dir, 'data'),
      out: join(dir, 'out'),
      preset: 'nano',
      seeds: '1,2',
      'pretrain-steps': '4',
      'probe-epochs': '1',
      'ft-steps': '4',
      settings: join(dir, 'settings.json'),
    };
    report = (await runRun(args(flags), quiet))!;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes report.json with results[variant][seed][split], OOD detection, DASA statistics, seconds and reuse', async () => {
    const onDisk = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8')) as ExperimentReport;
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(report)));
    expect(onDisk.config).toMatchObject({ preset: 'nano', budget: 'full', seeds: [1, 2], variants: [...VARIANTS], backend: 'wasm' });
    expect(onDisk.config.settings.darl.interpolate!.alphas).toEqual([0, 0.5, 1]);
    expect(onDisk.config.settings.darl.finetune.length).toEqual({ steps: 4 });
    expect(Object.keys(onDisk.results)).toEqual([...VARIANTS]);
    for (const variant of VARIANTS) {
      expect(Object.keys(onDisk.results[variant])).toEqual(['1', '2']);
      for (const result of Object.values(onDisk.results[variant])) {
        for (const split of ['test_id', 'test_ood'] as const) for (const key of METRIC_KEYS) expect(result[split]).toHaveProperty([key]);
        expect(Object.keys(result.ood)).toEqual(['mahalanobis', 'knn', 'msp', 'energy']);
        for (const detector of Object.values(result.ood)) {
          expect(detector.auroc).toBeGreaterThanOrEqual(0);
          expect(detector.fpr95).toBeLessThanOrEqual(1);
        }
        expect(result.id_ood_gap.macro_f1).toBeCloseTo(result.test_id.macro_f1 - result.test_ood.macro_f1, 12);
        expect(result.seconds.pretrain).toBeGreaterThan(0);
        expect(result.seconds.evaluate).toBeGreaterThan(0);
      }
    }
    const darl = onDisk.results.darl['1'];
    expect(darl.dasa).toMatchObject({ method: 'dasa', annotator: 'oracle', record: expect.stringMatching(/^stage\/dasa-[0-9a-f]{16}$/) });
    expect(darl.dasa!.stats.budget).toBe(4); // 5% of 80 train examples
    expect(darl.dasa!.grades.reduce((a, b) => a + b)).toBe(darl.dasa!.selected.length);
    expect(onDisk.results['darl-no-dasa']['1'].dasa!.method).toBe('random');
    expect(onDisk.results['ce-ft']['1'].dasa).toBeNull();
    expect(darl.interpolation!.sweep.map((point) => point.alpha)).toEqual([0, 0.5, 1]);
    expect(onDisk.results['darl-no-wi']['1'].interpolation).toBeNull();

    // One pretrain per seed for all variants, the probe shared by darl and the variants that keep it,
    // darl-no-wi = darl's fine-tuned model.
    expect(onDisk.results['ce-ft']['1'].stages.pretrain).toMatchObject({ status: 'computed', computed_by: 'ce-ft/seed1' });
    expect(darl.stages.pretrain).toMatchObject({ status: 'shared', computed_by: 'ce-ft/seed1' });
    expect(onDisk.results['darl-no-dasa']['1'].stages.probe).toMatchObject({ status: 'shared', computed_by: 'darl/seed1' });
    expect(onDisk.results['darl-no-occ']['1'].stages.probe!.status).toBe('computed');
    expect(onDisk.results['darl-no-lp']['1'].stages.dasa).toMatchObject({ status: 'shared', computed_by: 'darl/seed1' });
    expect(onDisk.results['darl-no-wi']['1'].stages.finetune).toMatchObject({ status: 'shared', computed_by: 'darl/seed1', key: darl.stages.finetune!.key });
    const pretrains = onDisk.reuse.filter((entry) => entry.stage === 'pretrain');
    expect(pretrains.map((entry) => entry.used_by.length)).toEqual([6, 6]);
    expect(Object.keys(onDisk.seconds.per_seed)).toEqual(['1', '2']);
    expect(onDisk.seconds.computed_by_stage.finetune).toBeGreaterThan(0);
    // Everything was computed here, so the cost from an empty store is what this run computed,
    // and the seeds' shares add up to it.
    expect(onDisk.seconds.by_stage).toEqual(onDisk.seconds.computed_by_stage);
    for (const [stage, seconds] of Object.entries(onDisk.seconds.by_stage)) {
      const perSeed = Object.values(onDisk.seconds.per_seed).map((stages) => stages[stage as keyof typeof stages] ?? 0);
      expect(perSeed.reduce((a, b) => a + b, 0)).toBeCloseTo(seconds!, 9);
    }
  });

  it('has the overlap and bag-of-words baselines, fitted on train, with the variants\' metrics', async () => {
    const data: Record<string, Example[]> = {};
    for (const split of ['train', 'test_id', 'test_ood']) data[split] = examplesFromJsonl(await readFile(join(dir, 'data', `${split}.jsonl`), 'utf8'));
    const expected = measureBaselines({ train: data.train, test_id: data.test_id, test_ood: data.test_ood });
    expect(Object.keys(report.baselines!)).toEqual(['overlap', 'bag-of-words']);
    for (const name of ['overlap', 'bag-of-words'] as const) {
      const { seconds: _, description, ...metrics } = report.baselines![name];
      const { seconds: __, ...want } = expected[name];
      expect(JSON.parse(JSON.stringify(metrics))).toEqual(JSON.parse(JSON.stringify(want)));
      expect(description).toMatch(/fitted on train/);
      for (const key of METRIC_KEYS) expect(metrics.test_ood).toHaveProperty([key]);
    }
  });

  it('agrees with the metrics recomputed from the predictions files', async () => {
    const splits: Record<string, Example[]> = {};
    for (const split of ['test_id', 'test_ood']) splits[split] = examplesFromJsonl(await readFile(join(dir, 'data', `${split}.jsonl`), 'utf8'));
    for (const variant of VARIANTS) {
      for (const seed of ['1', '2']) {
        for (const split of ['test_id', 'test_ood'] as const) {
          const lines = (await readFile(join(dir, 'out', 'predictions', variant, `seed${seed}`, `${split}.jsonl`), 'utf8')).trimEnd().split('\n');
          const rows = lines.map((line) => JSON.parse(line) as { id: string; label: 0 | 1 | 2; probs: number[] });
          expect(rows.map((row) => row.id)).toEqual(splits[split].map((example) => example.id));
          for (const row of rows) expect(Object.keys(row)).toEqual(['id', 'label', 'probs']);
          const query = new Map(splits[split].map((example) => [example.id, example.query]));
          const recomputed = evaluateSplit(rows.map((row) => ({ ...row, query: query.get(row.id)! })));
          const stored = report.results[variant][seed];
          expect(JSON.parse(JSON.stringify(recomputed))).toEqual(stored[split]);
          // NLL and Brier by their definitions, straight from the file's rows.
          const nll = rows.reduce((sum, row) => sum - Math.log(Math.max(row.probs[row.label], 1e-12)), 0) / rows.length;
          const brier = rows.reduce((sum, row) => sum + row.probs.reduce((s, p, k) => s + (p - (k === row.label ? 1 : 0)) ** 2, 0), 0) / rows.length;
          expect(stored[split].nll).toBeCloseTo(nll, 12);
          expect(stored[split].brier).toBeCloseTo(brier, 12);
          // The temperature-scaled scores follow from the stored probabilities and T alone.
          const scaled = stored.temperature_scaled![split];
          expect(scaled).toEqual(scoresAtTemperature(rows.map((row) => row.label), rows.map((row) => row.probs), scaled.T));
          if (split === 'test_ood') {
            const tags = new Map(splits[split].map((example) => [example.id, example.tags]));
            expect(stored.test_ood_by_shift).toEqual(metricsByTag(rows, rows.map((row) => tags.get(row.id)!)));
          }
        }
      }
      const values = ['1', '2'].map((seed) => report.results[variant][seed].test_ood.macro_f1);
      expect(report.summary[variant].test_ood.macro_f1).toEqual(seedStat(values));
      expect(report.summary[variant].test_ood.brier).toEqual(seedStat(['1', '2'].map((seed) => report.results[variant][seed].test_ood.brier)));
      expect(report.summary[variant].temperature_scaled.test_id.nll).toEqual(seedStat(['1', '2'].map((seed) => report.results[variant][seed].temperature_scaled!.test_id.nll)));
    }
  });

  it('writes report.md with the results, ablation and OOD detection tables', async () => {
    const markdown = await readFile(join(dir, 'out', 'report.md'), 'utf8');
    for (const heading of ['## Results: ID test', '## Results: OOD test', '## Ablations', '## OOD detection (ID test vs OOD test)', '## DASA selection', '## Seconds per stage']) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toMatch(/\| darl-no-wi \| [0-9.]+ ± [0-9.]+ \|/);
    expect(markdown).toMatch(/\| \*overlap baseline\* \| [0-9.]+ \| [0-9.]+ \|/);
    expect(markdown).toContain('## Against the overlap baseline');
    for (const variant of VARIANTS) expect(markdown).toMatch(new RegExp(`^- ${variant} (beats|\\*\\*does not beat\\*\\*) it on ID macro-F1 .* and (beats|\\*\\*does not beat\\*\\*) it on OOD macro-F1`, 'm'));
    expect(markdown).toContain('mean ± sample standard deviation over 2 seeds');
    for (const heading of ['## Calibration', '## OOD test by shift']) expect(markdown).toContain(heading);
    expect(markdown).toMatch(/^\| \*random ranking \(expected\)\* \| – \| – \| – \| – \| – \| [0-9.]+ \| [0-9.]+ \|$/m);
    expect(markdown).toContain('FPR@95 takes OOD as the positive class');
    // The claims whose variants ran, with paired bootstrap intervals over seeds and test queries.
    expect(markdown).toMatch(/^\| DaRL as a whole beats plain fine-tuning under shift \| `darl` - `ce-ft`, OOD macro-F1 \(higher is better\) \| [-+][0-9.]+ \| \[[-+][0-9.]+, [-+][0-9.]+\] \| 2 \| [a-z ]+ \| \[[-+][0-9.]+, [-+][0-9.]+\] [a-z ]+ \|$/m);
    expect(report.pairedDifferences!.filter((d) => d.split === 'test_ood' && d.metric === 'nll').map((d) => `${d.a} - ${d.b}`)).toEqual([
      'darl - ce-ft', 'darl-no-occ - darl', 'darl-no-dasa - darl', 'darl-no-lp - darl', 'darl-no-wi - darl',
      'darl-no-occ - ce-ft', 'darl-no-dasa - ce-ft', 'darl-no-lp - ce-ft', 'darl-no-wi - ce-ft',
    ]);
  });

  it('a second run of the same command reuses every stored stage and gives the same results', async () => {
    const lines: string[] = [];
    const again = (await runRun(args(flags), (line) => void lines.push(line)))!;
    expect(again.reuse.every((entry) => entry.status === 'stored')).toBe(true);
    // Nothing computed now, but the seconds per stage still give what the stored outputs cost.
    expect(again.seconds.computed_by_stage).toEqual({});
    expect(again.seconds.by_stage).toEqual(report.seconds.by_stage);
    expect(again.seconds.per_seed).toEqual(report.seconds.per_seed);
    expect(lines.filter((line) => / (pretrain|finetune): reused from the run store/.test(line)).length).toBeGreaterThan(0);
    for (const variant of VARIANTS) {
      for (const seed of ['1', '2']) {
        const { stages: _a, ...now } = again.results[variant][seed];
        const { stages: _b, ...before } = JSON.parse(JSON.stringify(report.results[variant][seed]));
        expect(now).toEqual(before);
        expect(Object.values(again.results[variant][seed].stages).every((use) => use!.status === 'stored')).toBe(true);
      }
    }
  });

  it('rejects bad options with a usage error', async () => {
    expect(parseSeeds('1, 2,2')).toEqual([1, 2]);
    expect(() => parseSeeds('1,x')).toThrow(/--seeds must be whole numbers/);
    await expect(runRun(args({ ...flags, variants: 'darl,nope' }), quiet)).rejects.toThrow(/Unknown variant nope/);
    await expect(runRun(args({ ...flags, preset: 'huge' }), quiet)).rejects.toThrow(/--preset must be one of nano, small, base/);
    await expect(runRun(args({ ...flags, budget: 'tiny' }), quiet)).rejects.toThrow(/--budget must be one of full, quick, demo/);
    await expect(runRun(args({ ...flags, kernels: 'fast' }), quiet)).rejects.toThrow(/--kernels must be lab or tfjs, got "fast"/);
    await expect(runRun(args({ ...flags, kernels: 'tfjs', threads: '2' }), quiet)).rejects.toThrow(/--kernels tfjs needs --threads 1/);
  });
});
