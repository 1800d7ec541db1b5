// `run --jobs N`: the seeds of one experiment in up to N processes at once, sharing the run store,
// then one report for all of them. tfjs-wasm computes on one thread in Node, so a 2-core machine runs
// two seeds in about the time of one. Each seed writes OUT/seeds/seed<N>/ (its own report and
// predictions, kept); OUT/report.json, report.md and predictions/ are their merge.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExperimentReport } from '../../core/experiment/report';
import type { ParsedArgs } from '../args';
import { defaultCliThreads } from './cli-threads';
import { writeMergedOutputs } from './merge-outputs';

/** One or more of the seeds' processes failed; the message names each and where the finished stages are. */
export class SeedRunsFailedError extends Error {
  override name = 'SeedRunsFailedError';
}

/** Flags every seed's process takes from this one (the rest are set per seed). */
const PER_SEED_FLAGS = new Set(['jobs', 'seeds', 'out', 'store']);

export function seedRunArgv(args: ParsedArgs, seed: number, out: string, store: string, processes = 1): string[] {
  const argv = ['run'];
  for (const [name, value] of Object.entries(args.flags)) {
    if (PER_SEED_FLAGS.has(name)) continue;
    argv.push(value === true ? `--${name}` : `--${name}=${value}`);
  }
  argv.push(`--seeds=${seed}`, `--out=${out}`, `--store=${store}`);
  // The processes share the cores: each gets its part unless --threads says otherwise.
  if (args.flags.threads === undefined) argv.push(`--threads=${defaultCliThreads(String(args.flags.backend ?? 'wasm'), processes)}`);
  return argv;
}

export const seedOutDir = (out: string, seed: number) => join(out, 'seeds', `seed${seed}`);

function runChild(argv: string[], seed: number, log: (line: string) => void): Promise<number> {
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, main, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        for (const line of lines) log(line.startsWith('[seed') ? line : `[seed ${seed}] ${line}`);
      });
      stream.on('end', () => rest && log(`[seed ${seed}] ${rest}`));
    };
    relay(child.stdout!);
    relay(child.stderr!);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

/**
 * Runs each seed in a process of its own, at most `jobs` at once, then merges their outputs.
 * Returns null when a seed did not finish (its stages stay stored; the same command resumes).
 */
export async function runSeedJobs(args: ParsedArgs, seeds: readonly number[], jobs: number, out: string, store: string, log: (line: string) => void): Promise<ExperimentReport | null> {
  const started = performance.now();
  const queue = [...seeds];
  const failed: { seed: number; code: number }[] = [];
  // Ctrl-C reaches the children too (same process group); each stops after its current step.
  const ignoreInterrupt = () => log('waiting for the seeds to stop after their current step...');
  process.on('SIGINT', ignoreInterrupt);
  try {
    const worker = async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
        log(`seed ${seed}: started in its own process (${seedOutDir(out, seed)})`);
        const code = await runChild(seedRunArgv(args, seed, seedOutDir(out, seed), store, Math.min(jobs, seeds.length)), seed, log);
        if (code !== 0) failed.push({ seed, code });
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, seeds.length) }, worker));
  } finally {
    process.off('SIGINT', ignoreInterrupt);
  }
  if (failed.length > 0) {
    const message = `not finished: ${failed.map(({ seed, code }) => `seed ${seed} (exit status ${code})`).join(', ')}. Finished stages are in ${store}; run the same command again to resume.`;
    // 130: the seed's run was stopped (Ctrl-C); anything else is a failure its own lines above explain.
    if (failed.every(({ code }) => code === 130)) {
      log(message);
      return null;
    }
    throw new SeedRunsFailedError(message);
  }
  return writeMergedOutputs(out, seeds.map((seed) => seedOutDir(out, seed)), (performance.now() - started) / 1000);
}
