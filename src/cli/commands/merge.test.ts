import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentReport } from '../../core/experiment/report';
import type { ParsedArgs } from '../args';
import { writeGeneratedDataset } from './data-generate';
import { runMerge } from './merge';
import { runRun } from './run';
import { seedOutDir, seedRunArgv } from './run-jobs';
import { availableParallelism } from 'node:os';

let dir: string;
const args = (flags: Record<string, string | true>, positional: string[] = []): ParsedArgs => ({ positional, flags });
const quiet = () => {};
/** A result without how its stages were obtained (computed here, shared or stored differ between runs). */
const withoutStages = (report: ExperimentReport) =>
  Object.fromEntries(Object.entries(report.results).map(([variant, bySeed]) => [variant, Object.fromEntries(Object.entries(bySeed).map(([seed, { stages: _, ...rest }]) => [seed, rest]))]));

async function predictionFiles(out: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(join(out, 'predictions'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(path.slice(out.length), await readFile(path, 'utf8'));
    }
  }
  return files;
}

describe('run --jobs and merge: seeds in processes of their own, one report', () => {
  let flags: Record<string, string>;
  let jobsReport: ExperimentReport;
  let jobsLines: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darl-merge-'));
    await writeGeneratedDataset({ seed: 5, sizes: { train: 48, val: 16, test_id: 20, test_ood: 16, pool: 30 } }, join(dir, 'data'));
    flags = {
      data: join(dir, 'data'),
      out: join(dir, 'jobs'),
      store: join(dir, 'store'),
      preset: 'nano',
      seeds: '1,2',
      variants: 'ce-ft,darl',
      'pretrain-steps': '3',
      'probe-epochs': '1',
      'ft-steps': '3',
    };
    jobsLines = [];
    jobsReport = (await runRun(args({ ...flags, jobs: '2' }), (line) => void jobsLines.push(line)))!;
  }, 240_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes each seed process the same options with its own seed, output and the shared store', () => {
    const cores = availableParallelism();
    // Two processes share the cores: each gets half (at least 1, at most 4) unless --threads is given.
    expect(seedRunArgv(args({ ...flags, jobs: '2', backend: 'wasm' }), 2, '/o/seeds/seed2', '/s', 2).at(-1)).toBe(`--threads=${Math.max(1, Math.min(4, Math.floor(cores / 2)))}`);
    expect(seedRunArgv(args({ ...flags, jobs: '2', backend: 'wasm', threads: '3' }), 2, '/o/seeds/seed2', '/s', 2)).toEqual([
      'run',
      `--data=${flags.data}`,
      '--preset=nano',
      '--variants=ce-ft,darl',
      '--pretrain-steps=3',
      '--probe-epochs=1',
      '--ft-steps=3',
      '--backend=wasm',
      '--threads=3',
      '--seeds=2',
      '--out=/o/seeds/seed2',
      '--store=/s',
    ]);
  });

  it('computes every seed in its own process and writes one report of both seeds', async () => {
    expect(jobsLines.some((line) => line.startsWith('[seed 1 ce-ft] pretrain: computed'))).toBe(true);
    expect(jobsLines.some((line) => line.startsWith('[seed 2 ce-ft] pretrain: computed'))).toBe(true);
    expect(jobsReport.config.seeds).toEqual([1, 2]);
    // Each of the two processes got its share of the cores (1 to 4 training threads), and says so.
    expect(jobsReport.config.training_threads).toBe(Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2))));
    const onDisk = JSON.parse(await readFile(join(dir, 'jobs', 'report.json'), 'utf8')) as ExperimentReport;
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(jobsReport)));
    expect(Object.keys(onDisk.results.darl)).toEqual(['1', '2']);
    expect(onDisk.summary.darl.test_id.macro_f1.n).toBe(2);
    // Every stage was computed by one of the processes, so all of the cost was computed in this run.
    expect(onDisk.seconds.computed_by_stage).toEqual(onDisk.seconds.by_stage);
    expect(onDisk.reuse.every((entry) => entry.status === 'computed')).toBe(true);
    for (const seed of [1, 2]) {
      const own = JSON.parse(await readFile(join(seedOutDir(join(dir, 'jobs'), seed), 'report.json'), 'utf8')) as ExperimentReport;
      expect(onDisk.seconds.per_seed[seed]).toEqual(own.seconds.per_seed[seed]);
    }
  });

  it('gives the results, summary and seconds one process running both seeds gives from the same store', async () => {
    const together = (await runRun(args({ ...flags, out: join(dir, 'together') }), quiet))!;
    expect(together.reuse.every((entry) => entry.status === 'stored')).toBe(true);
    expect(withoutStages(jobsReport)).toEqual(withoutStages(together));
    expect(jobsReport.summary).toEqual(together.summary);
    expect(jobsReport.seconds.by_stage).toEqual(together.seconds.by_stage);
    expect(await predictionFiles(join(dir, 'jobs'))).toEqual(await predictionFiles(join(dir, 'together')));
    // The paired intervals of both seeds: recomputed after the merge, the same as one process gives.
    expect(jobsReport.pairedDifferences!.length).toBeGreaterThan(0);
    expect(jobsReport.pairedDifferences).toEqual(together.pairedDifferences);
    expect(jobsReport.claims).toEqual(together.claims);
  }, 120_000);

  it('merge writes the same report from the seeds\' folders, and refuses what is not one experiment', async () => {
    const seedDirs = [2, 1].map((seed) => seedOutDir(join(dir, 'jobs'), seed));
    const merged = await runMerge(args({ out: join(dir, 'merged') }, seedDirs), quiet);
    expect(merged.config.seeds).toEqual([1, 2]);
    expect(withoutStages(merged)).toEqual(withoutStages(jobsReport));
    expect(merged.summary).toEqual(jobsReport.summary);
    // Without --data the first report's one-seed intervals are dropped, not passed off as the merge's.
    expect(merged.pairedDifferences).toBeUndefined();
    const withData = await runMerge(args({ out: join(dir, 'merged-data'), data: flags.data }, seedDirs), quiet);
    expect(withData.pairedDifferences).toEqual(jobsReport.pairedDifferences);
    expect(await readFile(join(dir, 'merged', 'report.md'), 'utf8')).toContain('mean ± sample standard deviation over 2 seeds');
    expect(await predictionFiles(join(dir, 'merged'))).toEqual(await predictionFiles(join(dir, 'jobs')));

    await expect(runMerge(args({ out: join(dir, 'x') }, [seedDirs[0], seedDirs[0]]), quiet)).rejects.toThrow(/Seed 2 is in both .*seed2 and .*seed2/);
    await expect(runMerge(args({ out: join(dir, 'x') }, [seedDirs[0]]), quiet)).rejects.toThrow(/at least two run output folders/);
    await expect(runMerge(args({ out: join(dir, 'x') }, [seedDirs[0], join(dir, 'nowhere')]), quiet)).rejects.toThrow(/cannot read .*nowhere.*report\.json/);
    const other = join(dir, 'other-preset');
    await cp(seedDirs[1], other, { recursive: true });
    const report = JSON.parse(await readFile(join(other, 'report.json'), 'utf8')) as ExperimentReport;
    await writeFile(join(other, 'report.json'), JSON.stringify({ ...report, config: { ...report.config, preset: 'small' } }));
    await expect(runMerge(args({ out: join(dir, 'x') }, [seedDirs[0], other]), quiet)).rejects.toThrow(/their preset differ \("small" vs "nano"\)/);
    await expect(readdir(join(dir, 'x'))).rejects.toThrow(/ENOENT/); // nothing written for a refused merge
  });

  it('rejects a bad --jobs', async () => {
    await expect(runRun(args({ ...flags, jobs: '0' }), quiet)).rejects.toThrow(/--jobs must be a whole number of at least 1, got "0"/);
  });
});
