// How large a GPT-2 fine-tunes in the page: random GPT-2 folders of growing size (GPT-2's real
// tokenizer and vocabulary, 1,024 positions, n_inner 4 x n_embd; scripts/gpt2_reference.py makes the
// weights), each imported through the checkpoint panel's "Import a Hugging Face GPT-2" into a fresh
// browser profile, then fine-tuned a few steps on a small generated dataset (trainModel, as the
// Train screen calls it). Per size: import seconds, training seconds per step, the whole call with
// its final save, and the peak resident memory of Chromium's processes (summed, and the largest
// one), up to GPT-2 small (124 M parameters) or the first size that fails (and how).
//   npm run bench:hf-sizes [-- --sizes tiny,mini,medium,small --steps 3 --backend wasm --threads 0 --build if-stale]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startChromiumLab, withTimeout, type BuildMode, type ChromiumLab } from './chromium';
import { gpt2TokenizerJson } from '../src/core/tokenizer/gpt2-tokenizer-file';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'tiny,mini,medium,small' },
    steps: { type: 'string', default: '3' },
    batch: { type: 'string', default: '16' },
    backend: { type: 'string', default: 'wasm' },
    /** Training threads (?trainingThreads=N); 0: the page's default. */
    threads: { type: 'string', default: '0' },
    build: { type: 'string', default: 'if-stale' },
    'timeout-minutes': { type: 'string', default: '10' },
  },
});

interface Shape {
  layers: number;
  embd: number;
  heads: number;
}

/** GPT-2 small is the last; the others share its vocabulary and positions. */
const SHAPES: Record<string, Shape> = {
  tiny: { layers: 2, embd: 128, heads: 2 },
  mini: { layers: 4, embd: 256, heads: 4 },
  medium: { layers: 6, embd: 512, heads: 8 },
  large: { layers: 6, embd: 768, heads: 12 },
  small: { layers: 12, embd: 768, heads: 12 },
};
const VOCAB = 50257;
const POSITIONS = 1024;
const ROOT = resolve(import.meta.dirname, '..');

const parameters = ({ layers, embd }: Shape) => VOCAB * embd + POSITIONS * embd + layers * (12 * embd * embd + 13 * embd) + 2 * embd;

interface Row {
  name: string;
  shape: Shape;
  params: number;
  fileMB: number;
  importSeconds: number | null;
  stepSeconds: number | null;
  callSeconds: number | null;
  peakTotalMB: number;
  peakProcessMB: number;
  failure: string | null;
}

/** Resident memory of this process's descendants (Chromium and its helpers), sampled from /proc. */
function chromiumMemory(): { totalMB: number; largestMB: number } {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  let largest = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      const bytes = rss.get(child) ?? 0;
      total += bytes;
      largest = Math.max(largest, bytes);
      walk(child);
    }
  };
  walk(process.pid);
  return { totalMB: total / 2 ** 20, largestMB: largest / 2 ** 20 };
}

function makeFolder(dir: string, shape: Shape): number {
  mkdirSync(dir, { recursive: true });
  execFileSync('/usr/bin/python3', [
    join(ROOT, 'scripts/gpt2_reference.py'), 'make', dir, '--vocab', String(VOCAB), '--positions', String(POSITIONS),
    '--embd', String(shape.embd), '--layers', String(shape.layers), '--heads', String(shape.heads), '--dtype', 'F16', '--seed', '1',
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(gpt2TokenizerJson().file));
  return readFileSync(join(dir, 'model.safetensors')).length / 2 ** 20;
}

async function measure(lab: ChromiumLab, name: string, dir: string, fileMB: number): Promise<Row> {
  const shape = SHAPES[name];
  const row: Row = { name, shape, params: parameters(shape), fileMB, importSeconds: null, stepSeconds: null, callSeconds: null, peakTotalMB: 0, peakProcessMB: 0, failure: null };
  const sampler = setInterval(() => {
    const { totalMB, largestMB } = chromiumMemory();
    row.peakTotalMB = Math.max(row.peakTotalMB, totalMB);
    row.peakProcessMB = Math.max(row.peakProcessMB, largestMB);
  }, 250);
  const threads = Number(args.threads) > 0 ? `&trainingThreads=${args.threads}` : '';
  const labPage = await lab.openLab(`?backend=${args.backend}${threads}#stage=pretrain`);
  const timeoutMs = Number(args['timeout-minutes']) * 60_000;
  let started = performance.now();
  try {
    const ready = await labPage.ready(120_000);
    if ('error' in ready) throw new Error(`the backend did not start: ${ready.error}`);
    const { page } = labPage;
    const datasetId = await page.evaluate(
      () => window.lab.engine.generateDataset({ seed: 3, sizes: { train: 64, val: 16, test_id: 8, test_ood: 8, pool: 8 } }).then((summary) => summary.info.id),
    );
    const input = page.getByTestId('checkpoint-import-hf');
    await input.waitFor({ state: 'attached', timeout: 60_000 });
    started = performance.now();
    await input.setInputFiles(['config.json', 'model.safetensors', 'tokenizer.json'].map((file) => join(dir, file)));
    const message = page.getByTestId('checkpoint-message').filter({ hasText: /^Imported / });
    const error = page.getByTestId('checkpoint-error');
    await withTimeout(Promise.race([message.waitFor({ timeout: timeoutMs }), error.waitFor({ timeout: timeoutMs })]), timeoutMs + 1000, 'the import');
    if (await error.count()) throw new Error(`import: ${await error.textContent()}`);
    row.importSeconds = (performance.now() - started) / 1000;
    console.error(`${name}: imported in ${row.importSeconds.toFixed(1)} s`);
    const checkpointId = await page.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list[0].id));
    started = performance.now();
    // A sign of life while a large model trains: the engine answers between steps.
    const heartbeat = setInterval(() => {
      void page.evaluate(() => window.lab.engine.memory()).then(
        (memory) => console.error(`${name}: ${((performance.now() - started) / 1000).toFixed(0)} s, ${memory.numTensors} tensors, ${(memory.numBytes / 2 ** 20).toFixed(0)} MB in tfjs, Chromium ${chromiumMemory().totalMB.toFixed(0)} MB`),
        () => {},
      );
    }, 30_000);
    const outcome = await withTimeout(
      page.evaluate(
        ([datasetId, checkpointId, steps, batchSize]) => window.lab.engine.trainModel({
          stage: 'finetune', datasetId: datasetId as string, init: { from: 'checkpoint', checkpointId: checkpointId as string },
          steps: steps as number, batchSize: batchSize as number, checkpointEvery: 1000, checkpointId: 'tuned', evaluate: false,
        }),
        [datasetId, checkpointId, Number(args.steps), Number(args.batch)] as const,
      ),
      timeoutMs,
      'fine-tuning',
    ).finally(() => clearInterval(heartbeat));
    row.callSeconds = (performance.now() - started) / 1000;
    row.stepSeconds = outcome.seconds / outcome.steps;
    console.error(`${name}: ${outcome.steps} steps in ${outcome.seconds.toFixed(1)} s (call ${row.callSeconds.toFixed(1)} s), losses ${outcome.losses.map((loss) => loss.toFixed(3)).join(', ')}`);
    if (labPage.errors.length > 0) console.error(`${name}: console errors: ${labPage.errors.join(' | ')}`);
  } catch (error) {
    const phase = row.importSeconds === null ? 'importing' : 'fine-tuning';
    row.failure = `${error instanceof Error ? error.message.split('\n')[0] : String(error)} (${phase}, after ${((performance.now() - started) / 1000).toFixed(0)} s)`;
    console.error(`${name}: failed: ${row.failure}${labPage.errors.length > 0 ? ` (console: ${labPage.errors.join(' | ')})` : ''}`);
  } finally {
    clearInterval(sampler);
    await labPage.close().catch(() => {});
  }
  return row;
}

function cpuModel(): string {
  const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((entry) => entry.startsWith('Model name'));
  return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown CPU';
}

const f1 = (value: number | null) => (value === null ? '-' : value.toFixed(1));

async function main(): Promise<void> {
  const names = args.sizes.split(',');
  for (const name of names) if (!(name in SHAPES)) throw new Error(`--sizes: no size "${name}"; sizes are ${Object.keys(SHAPES).join(', ')}`);
  const work = mkdtempSync(join(os.tmpdir(), 'hf-sizes-'));
  const lab = await startChromiumLab({ build: args.build as BuildMode });
  const rows: Row[] = [];
  try {
    for (const name of names) {
      const dir = join(work, name);
      const fileMB = makeFolder(dir, SHAPES[name]);
      const row = await measure(lab, name, dir, fileMB);
      rows.push(row);
      rmSync(dir, { recursive: true, force: true });
      if (row.failure) break;
    }
  } finally {
    await lab.close();
    rmSync(work, { recursive: true, force: true });
  }
  const load = os.loadavg()[0].toFixed(1);
  console.log(`# GPT-2 sizes that fine-tune in the page: ${new Date().toISOString().slice(0, 10)}, ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Chromium ${lab.version}`);
  console.log(`Command: \`npm run bench:hf-sizes -- ${process.argv.slice(2).join(' ')}\`; backend ${args.backend}; training threads ${Number(args.threads) || 'default'}; ${args.steps} steps of ${args.batch}; load average at the end ${load}; ${lab.build.reason}.`);
  console.log('');
  console.log('| size | n_layer / n_embd / n_head | parameters | F16 file (MB) | import (s) | fine-tune step (s) | fine-tune call with save (s) | peak RSS, all Chromium processes (MB) | largest process (MB) | result |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) {
    const { layers, embd, heads } = row.shape;
    console.log(`| ${row.name} | ${layers} / ${embd} / ${heads} | ${(row.params / 1e6).toFixed(1)} M | ${row.fileMB.toFixed(0)} | ${f1(row.importSeconds)} | ${f1(row.stepSeconds)} | ${f1(row.callSeconds)} | ${row.peakTotalMB.toFixed(0)} | ${row.peakProcessMB.toFixed(0)} | ${row.failure ?? 'fine-tuned'} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
