// Benchmarks in Chromium: builds the app when dist/ is stale, serves it with the COOP/COEP headers, and opens
// lab pages in Debian's Chromium with the same flags as the browser tests. Each page gets its own context,
// so one backend's worker, storage and failures never touch the next page.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium } from '../scripts/find-chromium.mjs';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { CHROMIUM_ARGS } from '../scripts/find-chromium.mjs';
import type { BackendInfo } from '../src/core/backend/types';

const ROOT = resolve(import.meta.dirname, '..');
/** Everything the built app is made from. */
const APP_SOURCES = ['src', 'workers', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];

export type BuildMode = 'if-stale' | 'always' | 'never';

export interface BuildReport {
  built: boolean;
  /** Why it was (or was not) built, for the benchmark's header. */
  reason: string;
  ms: number;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds dist/ with the project's vite config when it is missing or older than any source (or always). */
export async function buildApp(mode: BuildMode = 'if-stale'): Promise<BuildReport> {
  const index = join(ROOT, 'dist', 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(...APP_SOURCES.map((name) => newestMtime(join(ROOT, name))));
  if (mode === 'never' || (mode === 'if-stale' && builtAt >= sourcesAt)) {
    if (builtAt === 0) throw new Error('dist/index.html is missing and building was switched off: run `npx vite build`.');
    return { built: false, reason: builtAt >= sourcesAt ? 'dist/ is up to date' : 'dist/ is older than src/ (build skipped)', ms: 0 };
  }
  const reason = mode === 'always' ? 'build requested' : builtAt === 0 ? 'dist/ was missing' : 'dist/ was older than the sources';
  const start = performance.now();
  try {
    await build({ root: ROOT, logLevel: 'warn' });
  } catch (error) {
    if (builtAt === 0) throw error;
    // A half-edited source must not stop a measurement: say so and measure the previous build.
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { built: false, reason: `the build failed (${why}), so the previous dist/ was used`, ms: performance.now() - start };
  }
  return { built: true, reason, ms: performance.now() - start };
}

export interface ServedApp {
  baseURL: string;
  close(): Promise<void>;
}

/** Serves dist/ on a free port of 127.0.0.1 (vite preview, so the isolation headers come from vite.config.ts). */
export async function serveApp(): Promise<ServedApp> {
  const server: PreviewServer = await preview({
    root: ROOT,
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('the preview server has no TCP address');
  return {
    baseURL: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((done) => server.httpServer.close(() => done())),
  };
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface LabPage {
  page: Page;
  /** Console errors and page errors so far. */
  errors: string[];
  /** Requests to any origin other than the served app's (should stay empty). */
  foreignRequests: string[];
  /** Waits for window.lab.ready: the started backend, or the error the engine reported. */
  ready(timeoutMs?: number): Promise<{ info: BackendInfo } | { error: string }>;
  close(): Promise<void>;
}

export interface ChromiumLab {
  baseURL: string;
  /** Chromium's version string, e.g. "156.0.8078.108". */
  version: string;
  executablePath: string;
  args: string[];
  build: BuildReport;
  /** Opens the lab at `path` (e.g. "?backend=wasm") in a fresh browser context. */
  openLab(path?: string): Promise<LabPage>;
  close(): Promise<void>;
}

export interface ChromiumLabOptions {
  build?: BuildMode;
  /** Flags added to the browser tests' CHROMIUM_ARGS. */
  extraArgs?: string[];
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

async function openLabPage(browser: Browser, baseURL: string, path: string): Promise<LabPage> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(baseURL).origin;
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== origin && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) {
      foreignRequests.push(request.url());
    }
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(new URL(path, baseURL).toString());
  return {
    page,
    errors,
    foreignRequests,
    async ready(timeoutMs = 60_000) {
      try {
        await page.waitForFunction(() => window.lab !== undefined, undefined, { timeout: timeoutMs });
        const started = page.evaluate(() =>
          window.lab.ready.then(
            (info) => ({ info }),
            (error: Error) => ({ error: `${error.name}: ${error.message}` }),
          ),
        );
        return await withTimeout(started, timeoutMs, 'backend start-up');
      } catch (error) {
        return { error: errorText(error) };
      }
    },
    close: () => context.close(),
  };
}

/** Builds (if needed), serves and launches Chromium. Close it in a `finally`. */
export async function startChromiumLab(options: ChromiumLabOptions = {}): Promise<ChromiumLab> {
  const buildReport = await buildApp(options.build ?? 'if-stale');
  const served = await serveApp();
  const executablePath = findChromium() as string;
  const args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])];
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, args, headless: true });
  } catch (error) {
    await served.close();
    throw error;
  }
  return {
    baseURL: served.baseURL,
    version: browser.version(),
    executablePath,
    args,
    build: buildReport,
    openLab: (path = '') => openLabPage(browser, served.baseURL, path),
    async close() {
      await browser.close();
      await served.close();
    },
  };
}
