// Training throughput: LM steps (AdamW, clipping at 1) of the lab's GPT on every backend the lab runs,
// against PyTorch on the CPU of the same machine (bench/torch_train.py, Debian's python3-torch).
//   npm run bench:train [-- --presets small,base --batch 16 --length 64 --only node,chromium,torch --kinds lm,classify --backends wasm,cpu,webgpu --unfused]
//   (--unfused adds rows with the fused kernels off: webgpu in Chromium, wasm in Node; the tfjs composition they replace)
//   npm run bench:train -- --profile wasm --preset small [--objective classify] [--unfused]
//   (time per kernel of one step, in Node; --unfused: the tfjs composition instead of the fused kernels)
// Node rows run in child processes (one per row, so peak RSS belongs to that row); Chromium rows run in the
// lab's engine worker (bench/chromium.ts). Prints one markdown table with date, machine and command.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendCounts } from '../src/core/backend/backend-counters';
import type { TrainingBenchmarkResult } from '../src/engine/bench-types';
import { DEFAULT_LOSS_EVERY } from '../src/core/training/loop/loss-every';

const ROOT = resolve(import.meta.dirname, '..');
const PYTHON = '/usr/bin/python3';

type Host = 'Node' | 'Chromium' | 'PyTorch';
type Kind = 'lm' | 'classify';
interface Plan {
  host: Host;
  /** The step timed: an LM step (BATCH x LENGTH) or a classification step (probe / fine-tune, CLASSIFY_BATCH x CLASSIFY_LENGTH). */
  kind: Kind;
  backend: string;
  preset: string;
  steps: number;
  warmup: number;
  /** Why the row is skipped, or null to run it. */
  skip: string | null;
  note: string;
  /** Address parameters of a Chromium row (e.g. wasmThreads=2&trainingThreads=1). */
  query?: string;
  /** Training threads of a Node row (data parallel, src/core/parallel); default 1. */
  threads?: number;
}
interface Row extends Plan {
  result: { tokensPerSecond: number; stepMs: number; stepsMs: number[]; perStep?: BackendCounts; dispatchesByProgram?: Record<string, number> } | null;
  memory: string;
  setup: string;
  error: string;
}

const { values: args } = parseArgs({
  options: {
    presets: { type: 'string', default: 'small,base' },
    batch: { type: 'string', default: '16' },
    length: { type: 'string', default: '64' },
    only: { type: 'string', default: 'node,chromium,torch' },
    child: { type: 'string' },
    profile: { type: 'string' },
    preset: { type: 'string' },
    steps: { type: 'string' },
    warmup: { type: 'string' },
    threads: { type: 'string', default: '1' },
    kinds: { type: 'string', default: 'lm,classify' },
    backends: { type: 'string', default: 'wasm,cpu,webgpu' },
    objective: { type: 'string', default: 'lm' },
    'loss-every': { type: 'string' },
    /** Adds webgpu rows with the fused kernels off, for a before / after in one run. */
    unfused: { type: 'boolean', default: false },
  },
});
const BATCH = Number(args.batch);
const LENGTH = Number(args.length);
/** Timed steps per loss read (the engine's default, the trainer's, when not given). */
const LOSS_EVERY = args['loss-every'] === undefined ? undefined : Number(args['loss-every']);
/** The classification step of the pipeline's probe and fine-tune stages: 16 prompts of 80 tokens. */
const CLASSIFY_BATCH = 16;
const CLASSIFY_LENGTH = 80;
const shape = (kind: Kind) => (kind === 'lm' ? { batch: BATCH, length: LENGTH } : { batch: CLASSIFY_BATCH, length: CLASSIFY_LENGTH });

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/**
 * Steps per row, chosen so the whole run stays near 10 minutes on 2 shared cores. The tfjs cpu backend
 * (plain JavaScript) takes ~10 s per `small` step and minutes per `base` step, and WebGPU on SwiftShader
 * (a CPU emulation of a GPU) is slower still: those rows get few steps, or are skipped for base.
 */
/** Marks a webgpu row run through the tfjs composition (the benchmark's fusedKernels: false), not the fused kernels. */
const UNFUSED_QUERY = 'unfused';
const UNFUSED_NOTE = 'fused kernels off (tfjs composition, as before them); SwiftShader: 2 steps';
// One training thread only: the switch is per thread, a helper thread would keep the lab's kernels.
const UNFUSED_NODE_NOTE = "lab kernels off (tfjs composition; Identity still shares memory)";

function plans(presets: string[], only: Set<string>, kinds: Set<string>, unfused: boolean): Plan[] {
  const out: Plan[] = [];
  for (const preset of presets) {
    const base = preset === 'base';
    const add = (host: Host, backend: string, steps: number, warmup: number, skip: string | null = null, note = '', query?: string, threads?: number) =>
      kinds.has('lm') && out.push({ host, kind: 'lm', backend, preset, steps, warmup, skip, note, query, threads });
    if (only.has('torch')) add('PyTorch', 'cpu', base ? 10 : 20, 3);
    if (only.has('node')) {
      add('Node', 'wasm', base ? 4 : 8, base ? 1 : 2);
      add('Node', 'wasm', base ? 4 : 8, base ? 1 : 2, null, 'data parallel: batch split over 2 threads', undefined, 2);
      add('Node', 'cpu', 3, 1, base ? 'tfjs cpu (JavaScript kernels) needs minutes per base step; skipped to keep the run short' : null, 'few steps: slow backend');
      if (unfused) add('Node', 'wasm', base ? 4 : 8, base ? 1 : 2, null, UNFUSED_NODE_NOTE, UNFUSED_QUERY);
    }
    if (only.has('chromium')) {
      add('Chromium', 'wasm', base ? 4 : 8, base ? 1 : 2, null, '', 'trainingThreads=1');
      // The lab's default on 2 cores: each step's batch split over the engine worker and one helper worker.
      add('Chromium', 'wasm', base ? 4 : 8, base ? 1 : 2, null, '?trainingThreads=2: data parallel, 2 workers', 'trainingThreads=2');
      // tfjs starts half the logical cores' threads; this row lifts the cap (opt-in in the lab).
      add('Chromium', 'wasm', base ? 4 : 8, base ? 1 : 2, null, '?wasmThreads=2: tfjs thread cap lifted', 'wasmThreads=2&trainingThreads=1');
      add('Chromium', 'webgpu', 2, 1, base ? 'WebGPU here is SwiftShader (CPU emulation); base skipped to keep the run short' : null, 'fused kernels; SwiftShader (CPU-emulated GPU): expect it very slow; 2 steps');
      if (unfused) add('Chromium', 'webgpu', 2, 1, base ? 'WebGPU here is SwiftShader (CPU emulation); base skipped to keep the run short' : null, UNFUSED_NOTE, UNFUSED_QUERY);
    }
    // The classification step (OCC loss, fine-tune groups) of `small`, as the pipeline's probe and fine-tune stages run it.
    if (kinds.has('classify') && preset === 'small') {
      const classify = (host: Host, backend: string, steps: number, warmup: number, note = '', query?: string, threads?: number) =>
        out.push({ host, kind: 'classify', backend, preset, steps, warmup, skip: null, note, query, threads });
      if (only.has('node')) {
        classify('Node', 'wasm', 8, 2);
        classify('Node', 'wasm', 8, 2, 'data parallel: batch split over 2 threads', undefined, 2);
        if (unfused) classify('Node', 'wasm', 8, 2, UNFUSED_NODE_NOTE, UNFUSED_QUERY);
      }
      if (only.has('chromium')) {
        classify('Chromium', 'wasm', 8, 2, '?trainingThreads=2: data parallel, 2 workers', 'trainingThreads=2');
        classify('Chromium', 'webgpu', 2, 1, 'fused kernels; SwiftShader (CPU-emulated GPU): 2 steps');
        if (unfused) classify('Chromium', 'webgpu', 2, 1, UNFUSED_NOTE, UNFUSED_QUERY);
      }
    }
  }
  return out;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/** Runs a command, resolving with its stdout; rejects with the end of stderr on failure or after `ms`. */
function run(command: string, argv: string[], ms: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`took longer than ${ms / 1000} s`));
    }, ms);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done(stdout);
      else fail(new Error(`exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`));
    });
  });
}

const lastJsonLine = (text: string) => JSON.parse(text.trim().split('\n').filter((line) => line.startsWith('{')).at(-1)!);

async function torchRow(plan: Plan): Promise<Row> {
  const row: Row = { ...plan, result: null, memory: '', setup: '', error: '' };
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return { ...row, skip: `PyTorch is not importable by ${PYTHON} (install Debian's python3-torch)` };
  }
  try {
    const out = await run(PYTHON, ['bench/torch_train.py', '--preset', plan.preset, '--batch', String(BATCH), '--length', String(LENGTH), '--steps', String(plan.steps), '--warmup', String(plan.warmup)], 300_000);
    const json = lastJsonLine(out);
    row.result = json;
    row.memory = `peak RSS ${mb(json.peakRssBytes)}`;
    row.setup = `torch ${json.torch}, ${json.threads} threads, BLAS ${json.blas}, OMP_WAIT_POLICY=PASSIVE`;
    // Debian's python3-torch runs on whatever libblas.so.3 is installed; the reference one is ~10x slower.
    if (json.blas === 'reference') row.note = 'reference BLAS: install libopenblas0-pthread for a fair baseline (ratios below are inflated)';
  } catch (error) {
    row.error = errorText(error);
  }
  return row;
}

async function nodeRow(plan: Plan): Promise<Row> {
  const row: Row = { ...plan, result: null, memory: '', setup: '', error: '' };
  try {
    const { batch, length } = shape(plan.kind);
    const argv = ['tsx', 'bench/train.ts', '--child', plan.backend, '--objective', plan.kind, '--preset', plan.preset, '--batch', String(batch), '--length', String(length), '--steps', String(plan.steps), '--warmup', String(plan.warmup), '--threads', String(plan.threads ?? 1), ...(LOSS_EVERY === undefined ? [] : ['--loss-every', String(LOSS_EVERY)]), ...(plan.query === UNFUSED_QUERY ? ['--unfused'] : [])];
    const json = lastJsonLine(await run('npx', argv, 300_000));
    row.result = json;
    row.memory = `peak RSS ${mb(json.maxRssBytes)}, heap ${mb(json.heapUsedBytes)}, tensors peak ${mb(json.peakBytes)}`;
    row.setup = json.setup;
  } catch (error) {
    row.error = errorText(error);
  }
  return row;
}

/** How a wasm row computes: SIMD, tfjs's threads per kernel, and training threads (batch shards). */
function wasmSetup(info: { probe: { wasm: { simd: boolean } }; threads: number; trainingThreads: number; kernels?: string }): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const simd = info.probe.wasm.simd ? `SIMD${info.kernels?.includes('relaxed SIMD') ? ' + relaxed' : ''}` : 'no SIMD';
  return `${simd}, ${plural(info.threads, 'wasm thread')}, ${plural(info.trainingThreads, 'training thread')}`;
}

/** One Node row, in this (child) process: the engine's own benchmark method, plus process memory. */
async function childMain(backend: string): Promise<void> {
  const { createNodeLabEngine } = await import('../src/engine/node-engine');
  const engine = createNodeLabEngine();
  const info = await engine.init({ backend, trainingThreads: Number(args.threads) });
  let heapUsedBytes = 0;
  const sampler = setInterval(() => (heapUsedBytes = Math.max(heapUsedBytes, process.memoryUsage().heapUsed)), 50);
  const result = await engine.benchmarkTraining({
    preset: args.preset!,
    batch: BATCH,
    length: LENGTH,
    steps: Number(args.steps),
    warmup: Number(args.warmup),
    objective: args.objective === 'classify' ? 'classify' : 'lm',
    lossEvery: LOSS_EVERY,
    ...(args.unfused ? { fusedKernels: false } : {}),
  });
  clearInterval(sampler);
  const setup = info.backend === 'wasm' ? wasmSetup(info) : 'JavaScript, 1 thread';
  console.log(JSON.stringify({ ...result, setup, heapUsedBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

async function chromiumRows(rowPlans: Plan[]): Promise<Row[]> {
  const rows: Row[] = [];
  const { startChromiumLab, withTimeout } = await import('./chromium');
  let lab: Awaited<ReturnType<typeof startChromiumLab>> | null = null;
  try {
    lab = await startChromiumLab({ build: 'if-stale' });
    for (const plan of rowPlans) {
      const row: Row = { ...plan, result: null, memory: '', setup: '', error: '' };
      rows.push(row);
      if (plan.skip) continue;
      const unfused = plan.query === UNFUSED_QUERY;
      const page = await lab.openLab(`?backend=${plan.backend}${plan.query && !unfused ? `&${plan.query}` : ''}`);
      try {
        const started = await page.ready(90_000);
        if ('error' in started) throw new Error(started.error);
        const info = started.info;
        row.setup = info.backend === 'wasm'
          ? wasmSetup(info)
          : info.adapterInfo ? `${[info.adapterInfo.vendor, info.adapterInfo.architecture].filter(Boolean).join(' ')}${info.adapterInfo.isFallbackAdapter ? ' (fallback)' : ''}` : info.backend;
        const options = { preset: plan.preset, ...shape(plan.kind), steps: plan.steps, warmup: plan.warmup, objective: plan.kind, lossEvery: LOSS_EVERY, ...(unfused ? { fusedKernels: false } : {}) };
        const result: TrainingBenchmarkResult = await withTimeout(
          page.page.evaluate((o) => window.lab.engine.benchmarkTraining(o), options),
          // SwiftShader: ~45 s per `small` step on 2 cores, plus the shaders' first compilation and a profiled step.
          plan.backend === 'webgpu' ? 900_000 : 240_000,
          `the ${plan.backend} ${plan.preset} benchmark`,
        );
        row.result = result;
        row.memory = `tensors peak ${mb(result.peakBytes)}, resident ${mb(result.residentBytes)}`;
      } catch (error) {
        row.error = errorText(error);
      } finally {
        await page.close();
      }
    }
    return rows;
  } catch (error) {
    const message = `Chromium did not start: ${errorText(error)}`;
    return rowPlans.map((plan) => rows.find((row) => row.backend === plan.backend && row.preset === plan.preset && row.kind === plan.kind && row.query === plan.query) ?? { ...plan, result: null, memory: '', setup: '', error: message });
  } finally {
    await lab?.close();
  }
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((text) => text.startsWith('model name'));
  return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown CPU';
}

/** Per timed step: reads back to the CPU on every backend; dispatches, new buffers and shader compilations on webgpu. */
export function countsText(perStep: BackendCounts | undefined): string {
  if (!perStep) return '-';
  const n = (value: number) => String(Number(value.toFixed(3)));
  const parts = perStep.dispatches === null ? [] : [`${n(perStep.dispatches)} dispatches`];
  parts.push(`${n(perStep.reads)} reads${perStep.gpuReads === null ? '' : ` (${n(perStep.gpuReads)} off the GPU)`}`);
  if (perStep.buffersCreated !== null) parts.push(`${n(perStep.buffersCreated)} new buffers`);
  if (perStep.shaderCompilations !== null) parts.push(`${n(perStep.shaderCompilations)} shader compilations`);
  return parts.join(', ');
}

function table(rows: Row[]): string[] {
  const torch = new Map(rows.filter((row) => row.host === 'PyTorch' && row.result).map((row) => [`${row.preset} ${row.kind}`, row.result!.tokensPerSecond]));
  const lines = [
    '| preset | step | host | backend | setup | steps (warm-up + timed) | tokens/s (median) | ms/step | peak memory | per step | vs PyTorch | notes |',
    '|---|---|---|---|---|---|---:|---:|---|---|---:|---|',
  ];
  for (const row of rows) {
    const reference = torch.get(`${row.preset} ${row.kind}`);
    const { batch, length } = shape(row.kind);
    const speed = row.result ? row.result.tokensPerSecond.toFixed(0) : '-';
    const ratio = row.result && reference ? `${(row.result.tokensPerSecond / reference).toFixed(2)}x` : '-';
    const notes = row.skip ? `skipped: ${row.skip}` : row.error ? `failed: ${row.error}` : row.note;
    lines.push(`| ${row.preset} | ${row.kind === 'lm' ? 'LM' : 'classify'} ${batch} x ${length} | ${row.host} | ${row.backend} | ${row.setup || '-'} | ${row.warmup} + ${row.steps} | ${speed} | ${row.result ? row.result.stepMs.toFixed(0) : '-'} | ${row.memory || '-'} | ${countsText(row.result?.perStep)} | ${ratio} | ${notes.replaceAll('|', '\\|')} |`);
  }
  return lines;
}

/** Under the table: each webgpu row's dispatches per step by program, most first. */
function dispatchLines(rows: Row[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const byProgram = Object.entries(row.result?.dispatchesByProgram ?? {}).sort((a, b) => b[1] - a[1]);
    if (byProgram.length === 0) continue;
    const { batch, length } = shape(row.kind);
    const label = `${row.preset} ${row.kind === 'lm' ? 'LM' : 'classify'} ${batch} x ${length}, ${row.host} ${row.backend}${row.query === UNFUSED_QUERY ? ' (fused kernels off)' : ''}`;
    lines.push(`- Dispatches per step, ${label}: ${byProgram.map(([name, n]) => `${name} ${Number(n.toFixed(1))}`).join(', ')}`);
  }
  return lines.length === 0 ? [] : ['', ...lines];
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = os.loadavg().map((v) => v.toFixed(2)).join(' ');
  const presets = args.presets!.split(',');
  const backends = new Set(args.backends!.split(','));
  const all = plans(presets, new Set(args.only!.split(',')), new Set(args.kinds!.split(',')), args.unfused!).filter((p) => p.host === 'PyTorch' || backends.has(p.backend));
  const rows: Row[] = [];
  for (const plan of all.filter((p) => p.host !== 'Chromium')) {
    if (plan.skip) rows.push({ ...plan, result: null, memory: '', setup: '', error: '' });
    else rows.push(plan.host === 'PyTorch' ? await torchRow(plan) : await nodeRow(plan));
    console.error(`done: ${plan.host} ${plan.backend} ${plan.preset} ${plan.kind}`);
  }
  const chromiumPlans = all.filter((p) => p.host === 'Chromium');
  if (chromiumPlans.length > 0) rows.push(...(await chromiumRows(chromiumPlans)));
  const order = (row: Row) => all.findIndex((p) => p.host === row.host && p.backend === row.backend && p.preset === row.preset && p.kind === row.kind && p.query === row.query && p.threads === row.threads);
  rows.sort((a, b) => order(a) - order(b));

  const command = process.env.npm_lifecycle_event === 'bench:train' ? 'npm run bench:train' : `npx tsx bench/train.ts ${process.argv.slice(2).join(' ')}`.trim();
  console.log([
    `Command: \`${command}\`. Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${cpuModel()}, nproc ${os.availableParallelism()}, ${os.platform()} ${os.arch()}, Node ${process.version}, tfjs 4.22. ` +
      `Load average before / after: ${loadBefore} / ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}. Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    `Workload: causal LM training steps (forward, backward, clipping at 1, AdamW) on a fixed synthetic batch of ${BATCH} x ${LENGTH} tokens, ` +
      `and "classify" rows: the probe / fine-tune step (OCC loss on the pooled [CLS], every group trained) on ${CLASSIFY_BATCH} x ${CLASSIFY_LENGTH} tokens; ` +
      'the same batch for every row of a kind; "per step" = what the backend did in one timed step on average (reads back to the CPU; on webgpu also ' +
      'compute dispatches, GPU buffers created rather than reused, shader pipelines compiled after the warm-up); the loss is read back once ' +
      `every ${LOSS_EVERY ?? DEFAULT_LOSS_EVERY} timed steps and after the last, as the trainer does, and a step's time is its window's time (to the end of the read) / its steps; ` +
      'tokens/s = tokens per batch / median step time over the timed steps, after the warm-up steps. ' +
      'PyTorch runs the same architecture and step on the CPU with torch.set_num_threads(nproc). ' +
      'Peak memory: Node = the child process\'s peak RSS, its largest sampled JS heap and tfjs\'s peak live tensor bytes in one step; ' +
      'Chromium = tfjs\'s peak live tensor bytes in one step (tf.profile) and bytes resident between steps.',
    '',
    ...table(rows),
    ...dispatchLines(rows),
  ].join('\n'));
}

/** Kernel time of one profiled step after warm-up, by kernel and by kernel + input shapes ("forward" = a custom-gradient op, which nests its kernels). */
async function profileMain(backend: string): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  const { createGpt, gptConfig } = await import('../src/core/model/gpt');
  const { AdamW } = await import('../src/core/training/step/adamw');
  const { STAGE_GROUPS, paramSettings } = await import('../src/core/training/step/param-groups');
  const { syntheticBatch } = await import('../src/core/training/step/synthetic-batch');
  const { trainStep } = await import('../src/core/training/step/train-step');
  const { useBackend } = await import('../src/core/backend/test-backends');
  const { setFusedKernels } = await import('../src/core/model/fused-switch');
  const { DEFAULT_OCC } = await import('../src/core/training/step/occ-config');
  await useBackend(backend as 'cpu' | 'wasm');
  setFusedKernels(!args.unfused);
  const kind: Kind = args.objective === 'classify' ? 'classify' : 'lm';
  const config = gptConfig((args.preset ?? 'small') as 'small');
  const model = createGpt(config, 'profile');
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), kind === 'lm' ? STAGE_GROUPS.pretrain : STAGE_GROUPS.finetune));
  const { batch: rows, length } = shape(kind);
  const batch = syntheticBatch(config, rows, length, 'profile');
  const objective = kind === 'lm' ? { kind: 'lm' as const } : { kind: 'classify' as const, loss: DEFAULT_OCC };
  const step = () => trainStep(model, batch, objective, optimizer, { learningRate: 1e-4 });
  for (let i = 0; i < 2; i++) await step();
  const start = performance.now();
  await step();
  console.log(`one step: ${(performance.now() - start).toFixed(0)} ms (unprofiled)`);
  const info = await tf.profile(async () => void (await step()));
  console.log(`${kind} step ${rows} x ${length}, fused kernels ${args.unfused ? 'off' : 'on'}: peak tensor bytes ${(info.peakBytes / 1e6).toFixed(0)} MB, ${info.kernels.length} kernels`);
  const add = (map: Map<string, number[]>, key: string, ms: number) => map.set(key, [(map.get(key)?.[0] ?? 0) + ms, (map.get(key)?.[1] ?? 0) + 1]);
  const byName = new Map<string, number[]>();
  const byShape = new Map<string, number[]>();
  for (const kernel of info.kernels) {
    const ms = kernel.kernelTimeMs as number;
    add(byName, kernel.name, ms);
    add(byShape, `${kernel.name} ${JSON.stringify(kernel.inputShapes)}`, ms);
  }
  for (const [title, map, limit] of [['by kernel', byName, 25], ['by kernel and input shapes', byShape, 30]] as const) {
    console.log(`--- ${title}`);
    for (const [key, [ms, n]] of [...map].sort((a, b) => b[1][0] - a[1][0]).slice(0, limit)) console.log(`${ms.toFixed(1).padStart(8)} ms ${String(n).padStart(5)}x ${key}`);
  }
}

if (args.profile) await profileMain(args.profile);
else if (args.child) await childMain(args.child);
else await main();
