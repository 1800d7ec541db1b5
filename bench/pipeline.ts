// The page's "Run all", driven as a person would: a fresh browser profile, the default dataset and
// settings (the demo budget, ce-ft + darl, the shipped model), the pointer on the card (which times a
// training step and shows the estimate), one click, then wall seconds per stage as the page showed
// them and in total, from the click to the Evaluate screen with its answer.
//   npm run bench:pipeline [-- --backend wasm --settings 'model.budget=quick' --runs 1 --build if-stale]
// Prints one markdown table with date, machine, Chromium version and the command.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startChromiumLab, type BuildMode } from './chromium';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    settings: { type: 'string', default: '' },
    runs: { type: 'string', default: '1' },
    build: { type: 'string', default: 'if-stale' },
    'timeout-minutes': { type: 'string', default: '30' },
  },
});

/** What the Run all card shows at one moment: its step, and the variant of a comparison run. */
interface Shown {
  stage: string;
  variant: string;
}

interface Segment extends Shown {
  seconds: number;
}

interface RunResult {
  segments: Segment[];
  totalSeconds: number;
  estimateSeconds: number;
  verdict: string;
  errors: string[];
  foreignRequests: string[];
}

const POLL_MS = 200;

// Plain text, not a function: tsx would wrap a function's inner helpers in a `__name` the page lacks.
const SHOWN_SCRIPT = `(() => {
  const find = (root, id) => {
    const direct = root.querySelector('[data-testid="' + id + '"]');
    if (direct) return direct;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot ? find(element.shadowRoot, id) : null;
      if (inner) return inner;
    }
    return null;
  };
  const title = find(document, 'stage-title')?.textContent ?? '';
  if (title === 'Evaluate' && find(document, 'run-verdict')) return 'done';
  const step = find(document, 'run-all-step');
  if (!step) return null;
  return { stage: step.getAttribute('data-stage') ?? 'starting', variant: step.getAttribute('data-variant') ?? 'darl' };
})()`;

/** The card's step (it lives in shadow roots), or 'done' once Evaluate shows the run's answer. */
async function shown(page: Page): Promise<Shown | 'done' | null> {
  return (await page.evaluate(SHOWN_SCRIPT)) as Shown | 'done' | null;
}

async function runOnce(lab: Awaited<ReturnType<typeof startChromiumLab>>, timeoutMs: number): Promise<RunResult> {
  const hash = args.settings ? `#${args.settings}` : '';
  const labPage = await lab.openLab(`?backend=${args.backend}${hash}`);
  try {
    const ready = await labPage.ready(120_000);
    if ('error' in ready) throw new Error(`the backend did not start: ${ready.error}`);
    const { page } = labPage;
    const runButton = page.getByTestId('run-all-run');
    await runButton.waitFor({ timeout: 60_000 });
    // A person reaches the card first: that times a training step, and the page states its estimate.
    const estimate = page.getByTestId('run-all-estimate');
    await page.getByTestId('run-all').hover();
    await estimate.and(page.locator('[data-state="estimated"]')).waitFor({ timeout: 120_000 });
    const estimateSeconds = Number(await estimate.getAttribute('data-seconds'));
    const started = performance.now();
    await runButton.click();
    const segments: Segment[] = [];
    let current: Shown = { stage: 'starting', variant: '' };
    let since = started;
    for (;;) {
      if (performance.now() - started > timeoutMs) throw new Error(`Run all did not finish within ${timeoutMs / 60_000} minutes (last shown: ${current.stage} ${current.variant})`);
      const now = await shown(page);
      const at = performance.now();
      if (now === 'done' || (now && (now.stage !== current.stage || now.variant !== current.variant))) {
        segments.push({ ...current, seconds: (at - since) / 1000 });
        if (now === 'done') break;
        current = now;
        since = at;
      }
      await page.waitForTimeout(POLL_MS);
    }
    const totalSeconds = (performance.now() - started) / 1000;
    const verdict = (await page.locator('lab-evaluate-screen').getByTestId('run-verdict').textContent()) ?? '';
    return { segments, totalSeconds, estimateSeconds, verdict, errors: labPage.errors, foreignRequests: labPage.foreignRequests };
  } finally {
    await labPage.close();
  }
}

function cpuModel(): string {
  try {
    const line = execFileSync('lscpu', { encoding: 'utf8' }).split('\n').find((entry) => entry.startsWith('Model name'));
    return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown CPU';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function label(segment: Shown): string {
  return segment.variant && segment.variant !== 'darl' ? `${segment.variant}: ${segment.stage}` : segment.stage;
}

async function main(): Promise<void> {
  const runs = Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got "${args.runs}"`);
  const lab = await startChromiumLab({ build: args.build as BuildMode });
  const results: RunResult[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const result = await runOnce(lab, Number(args['timeout-minutes']) * 60_000);
      console.error(`run ${run + 1}: ${result.totalSeconds.toFixed(1)} s`);
      results.push(result);
    }
  } finally {
    await lab.close();
  }

  const command = process.env.npm_lifecycle_event === 'bench:pipeline' ? `npm run bench:pipeline${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}` : `npx tsx bench/pipeline.ts ${process.argv.slice(2).join(' ')}`.trim();
  console.log(`# Run all in the page: ${new Date().toISOString().slice(0, 10)}, ${cpuModel()}, ${os.cpus().length} cores, Chromium ${lab.version}`);
  console.log(`Command: \`${command}\`; backend ${args.backend}; settings: ${args.settings || 'defaults'}; ${lab.build.reason}.`);
  console.log('');
  const names = [...new Set(results.flatMap((result) => result.segments.map(label)))];
  console.log(`| stage | ${results.map((_, i) => `run ${i + 1} (s)`).join(' | ')} |`);
  console.log(`|---|${results.map(() => '---:').join('|')}|`);
  for (const name of names) {
    const cells = results.map((result) => result.segments.filter((segment) => label(segment) === name).reduce((sum, segment) => sum + segment.seconds, 0).toFixed(1));
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  console.log(`| **total, click to answer** | ${results.map((result) => `**${result.totalSeconds.toFixed(1)}**`).join(' | ')} |`);
  console.log(`| the page's estimate | ${results.map((result) => (result.estimateSeconds.toFixed(0))).join(' | ')} |`);
  console.log('');
  console.log(`Median total: ${median(results.map((result) => result.totalSeconds)).toFixed(1)} s.`);
  for (const [i, result] of results.entries()) {
    console.log(`Run ${i + 1}: ${result.verdict}`);
    if (result.errors.length > 0) console.log(`Run ${i + 1} console errors: ${result.errors.join(' | ')}`);
    if (result.foreignRequests.length > 0) console.log(`Run ${i + 1} requests to other origins: ${result.foreignRequests.join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
