// Backend benchmark: n x n matMul (n = 256, 512) on every backend the lab can start, in Chromium's engine
// worker (webgpu, wasm, webgl, cpu) and in Node (cpu, wasm). Each time is the median of 5 runs after one
// warm-up (and one untimed pass over the sizes before that), measured inside the engine from matMul dispatch
// to the read-back of the product. A backend that fails to start or runs out of time gets a row saying why.
// Run: npm run bench:backends   (prints markdown: machine, one table, the raw runs)
//      npm run bench:backends -- --disable-gpu   (extra arguments are added to Chromium's flags)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { Page } from 'playwright-core';
import type { BackendInfo } from '../src/core/backend/types';
import { createNodeLabEngine } from '../src/engine/node-engine';
import type { LabEngine, MatMulCheckResult, MatMulTiming } from '../src/engine/types';
import { startChromiumLab, withTimeout, type ChromiumLab } from './chromium';

const SIZES = [256, 512];
const REPEATS = 5;
/** One untimed pass over every size first, so wasm code is optimised (V8 tiers it up in the background). */
const PRE_WARM_REPEATS = 1;
/** Size of the correctness check against the cpu backend that follows each benchmark. */
const CHECK_SIZE = 128;
const CHROMIUM_BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
const NODE_BACKENDS = ['cpu', 'wasm'] as const;
/** Start-up plus benchmark of one backend; the whole run stays near a minute on 2 shared cores. */
const BACKEND_BUDGET_MS = 60_000;
const EXTRA_CHROMIUM_ARGS = process.argv.slice(2);

interface Row {
  host: 'Chromium' | 'Node';
  backend: string;
  setup: string;
  timings: MatMulTiming[] | null;
  note: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

function nproc(): string {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return String(os.availableParallelism());
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What runs the product: the adapter for webgpu, the renderer for webgl, SIMD and threads for wasm. */
function describeSetup(info: BackendInfo, webglRenderer: string | null): string {
  const { backend, probe, threads } = info;
  if (backend === 'webgpu' && info.adapterInfo) {
    const adapter = info.adapterInfo;
    const name = [adapter.vendor, adapter.architecture, adapter.description].filter((part) => part !== '').join(' ');
    return `${name || 'unnamed adapter'}${adapter.isFallbackAdapter ? ' (fallback adapter)' : ''}`;
  }
  if (backend === 'wasm') {
    const simd = probe.wasm.simd ? 'SIMD' : 'no SIMD';
    const pool = probe.wasm.threads ? 'threads available' : probe.host === 'node' ? 'no threads in Node' : 'no threads';
    return `${simd}, ${threads} thread${threads === 1 ? '' : 's'} (${pool}, ${probe.logicalCores} cores)`;
  }
  if (backend === 'webgl') return `WebGL${probe.webgl.version ?? ''}, ${webglRenderer ?? probe.webgl.renderer ?? 'unknown renderer'}`;
  return 'JavaScript, 1 thread';
}

function describeCheck(check: MatMulCheckResult): string {
  const pipelines = check.gpuPipelines === null ? '' : `, GPU pipelines compiled: ${check.gpuPipelines}`;
  return `${CHECK_SIZE}² check vs cpu: max |diff| ${check.maxAbsDiff.toExponential(1)}${pipelines}`;
}

/** The unmasked renderer string: gl.RENDERER only says "WebKit WebGL" in current Chromium. */
function unmaskedWebGlRenderer(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  });
}

async function chromiumRow(lab: ChromiumLab, backend: string): Promise<Row> {
  const row: Row = { host: 'Chromium', backend, setup: '', timings: null, note: '' };
  const labPage = await lab.openLab(`?backend=${backend}`);
  try {
    const started = await labPage.ready(BACKEND_BUDGET_MS);
    if ('error' in started) return { ...row, setup: 'did not start', note: started.error };
    const info = started.info;
    const { page } = labPage;
    row.setup = describeSetup(info, backend === 'webgl' ? await unmaskedWebGlRenderer(page) : null);
    // Keep every product on the GPU, whatever its size (the default forwards tiny ones to the CPU).
    if (backend === 'webgpu') await page.evaluate(() => window.lab.engine.setFlags({ WEBGPU_CPU_FORWARD: false }));
    const measured = page.evaluate(
      async ({ sizes, repeats, preWarmRepeats, checkSize }) => {
        await window.lab.engine.benchmarkMatMul(sizes, preWarmRepeats);
        return {
          timings: await window.lab.engine.benchmarkMatMul(sizes, repeats),
          check: await window.lab.engine.matMulCheck(checkSize, { seed: 3 }),
        };
      },
      { sizes: SIZES, repeats: REPEATS, preWarmRepeats: PRE_WARM_REPEATS, checkSize: CHECK_SIZE },
    );
    const { timings, check } = await withTimeout(measured, BACKEND_BUDGET_MS, `the ${backend} benchmark`);
    row.timings = timings;
    row.note = `started in ${info.setupMs.toFixed(0)} ms; ${describeCheck(check)}`;
    if (labPage.errors.length > 0) row.note += `; console errors: ${labPage.errors.slice(0, 2).join(' | ')}`;
    if (labPage.foreignRequests.length > 0) row.note += `; requests to other origins: ${labPage.foreignRequests.length}`;
    return row;
  } catch (error) {
    return { ...row, setup: row.setup || 'failed', note: errorText(error) };
  } finally {
    await labPage.close();
  }
}

async function nodeRow(engine: LabEngine, backend: string): Promise<Row> {
  const row: Row = { host: 'Node', backend, setup: '', timings: null, note: '' };
  try {
    const info = await withTimeout(engine.init({ backend }), BACKEND_BUDGET_MS, `starting ${backend}`);
    row.setup = describeSetup(info, null);
    const measured = engine.benchmarkMatMul(SIZES, PRE_WARM_REPEATS).then(() => engine.benchmarkMatMul(SIZES, REPEATS));
    row.timings = await withTimeout(measured, BACKEND_BUDGET_MS, `the ${backend} benchmark`);
    const check = await engine.matMulCheck(CHECK_SIZE, { seed: 3 });
    row.note = `started in ${info.setupMs.toFixed(0)} ms; ${describeCheck(check)}`;
    return row;
  } catch (error) {
    return { ...row, setup: row.setup || 'did not start', note: errorText(error) };
  }
}

function cell(timings: MatMulTiming[] | null, n: number, pick: (timing: MatMulTiming) => string): string {
  const timing = timings?.find((entry) => entry.n === n);
  return timing ? pick(timing) : '-';
}

function tableLines(rows: Row[]): string[] {
  const ms = (timing: MatMulTiming) => timing.medianMs.toFixed(1);
  const gflops = (timing: MatMulTiming) => timing.gflops.toFixed(2);
  return [
    '| host | backend | adapter / threads | 256³ median ms | 512³ median ms | GFLOP/s (256 / 512) | notes |',
    '|---|---|---|---:|---:|---:|---|',
    ...rows.map((row) =>
      [
        '',
        row.host,
        row.backend,
        row.setup,
        cell(row.timings, 256, ms),
        cell(row.timings, 512, ms),
        row.timings ? `${cell(row.timings, 256, gflops)} / ${cell(row.timings, 512, gflops)}` : '-',
        row.note.replaceAll('|', '\\|'),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
  ];
}

function rawRunLines(rows: Row[]): string[] {
  return rows
    .filter((row) => row.timings)
    .map((row) => {
      const runs = row.timings!.map((timing) => `${timing.n}: ${timing.runsMs.map((value) => value.toFixed(1)).join(', ')}`);
      return `- ${row.host} ${row.backend}: ${runs.join('; ')}`;
    });
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadAverage();
  const rows: Row[] = [];

  let chromiumVersion = 'not started';
  let buildLine = '';
  let lab: ChromiumLab | null = null;
  try {
    lab = await startChromiumLab({ build: 'if-stale', extraArgs: EXTRA_CHROMIUM_ARGS });
    chromiumVersion = lab.version;
    buildLine = lab.build.built ? `built dist/ in ${(lab.build.ms / 1000).toFixed(1)} s (${lab.build.reason})` : lab.build.reason;
    for (const backend of CHROMIUM_BACKENDS) rows.push(await chromiumRow(lab, backend));
  } catch (error) {
    buildLine ||= 'no build';
    for (const backend of CHROMIUM_BACKENDS) {
      rows.push({ host: 'Chromium', backend, setup: 'did not start', timings: null, note: `Chromium run failed: ${errorText(error)}` });
    }
  } finally {
    await lab?.close();
  }

  const engine = createNodeLabEngine();
  for (const backend of NODE_BACKENDS) rows.push(await nodeRow(engine, backend));

  const base = process.env.npm_lifecycle_event === 'bench:backends' ? 'npm run bench:backends' : 'npx tsx bench/backends.ts';
  const command = EXTRA_CHROMIUM_ARGS.length > 0 ? `${base}${base.startsWith('npm') ? ' --' : ''} ${EXTRA_CHROMIUM_ARGS.join(' ')}` : base;
  const lines = [
    `Command: \`${command}\` (bench/backends.ts). Date: ${new Date().toISOString().slice(0, 10)}.`,
    `Machine: nproc ${nproc()}, ${cpuModel()}, ${os.platform()} ${os.arch()}, Node ${process.version}, ` +
      `Chromium ${chromiumVersion} (headless, ${lab ? [...lab.args.filter((arg) => arg.includes('webgpu') || arg.includes('headless')), ...EXTRA_CHROMIUM_ARGS].join(' ') : 'not launched'}), tfjs 4.22.`,
    `Load average before / after: ${loadBefore} / ${loadAverage()}. App: ${buildLine}. Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    `Each time: median of ${REPEATS} runs after an untimed pass over both sizes and one warm-up run, from tf.matMul to the product's data() (read-back included); ` +
      `GFLOP/s = 2n³ / median. Chromium runs in the lab's engine worker, forced with ?backend=; Node uses createNodeLabEngine().`,
    '',
    ...tableLines(rows),
    '',
    'Raw runs (ms):',
    ...rawRunLines(rows),
  ];
  console.log(lines.join('\n'));
}

await main();
