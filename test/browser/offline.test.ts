// Offline: after the first visit the lab starts with the network off (the service worker from
// workers/service-worker.ts serves every file of the build), the page never asks another origin for
// anything, and a new build waits until the person reloads, while a page still open on the old build
// keeps loading its files. Runs against its own copy of dist/ on its own server, so it can count what
// reaches the server and swap in a "new build".
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { findChromium } from '../../scripts/find-chromium.mjs';
import { writeServiceWorker } from '../../scripts/vite-plugin-offline';
import { CHROMIUM_ARGS } from './launch';

const SHOTS = 'test-results/screenshots';
const CACHE_PREFIX = 'relevance-lab-precache-';
/** A file only the first build has, standing in for a lazily loaded chunk that a new build renames. */
const FIRST_BUILD_ONLY = 'assets/only-in-first-build.txt';

let site: string;
let profile: string;
let server: PreviewServer;
let baseURL: string;
let context: BrowserContext;
let page: Page;
/** Paths the server was asked for. */
const hits: string[] = [];
/** Every request the browser made (pages, workers, the service worker). */
const requests: string[] = [];
const errors: string[] = [];
let firstVersion: string;

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'relevance-lab-site-'));
  cpSync(resolve('dist'), site, { recursive: true, filter: (source) => !source.endsWith('.map') });
  writeFileSync(join(site, FIRST_BUILD_ONLY), 'from the first build');
  firstVersion = (await writeServiceWorker(site)).version;
  server = await preview({
    build: { outDir: site },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    plugins: [{ name: 'count-requests', configurePreviewServer: (preview) => void preview.middlewares.use((request, _response, next) => { hits.push(request.url ?? ''); next(); }) }],
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no TCP address');
  baseURL = `http://127.0.0.1:${address.port}/`;
  profile = mkdtempSync(join(tmpdir(), 'relevance-lab-offline-profile-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: findChromium() as string, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 720 } });
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (opened) => {
    opened.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    opened.on('pageerror', (error) => errors.push(String(error)));
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((done) => server?.httpServer.close(() => done()) ?? done());
  for (const dir of [site, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function engineReady(): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('wasm');
}

async function labCaches(): Promise<string[]> {
  return page.evaluate((prefix) => caches.keys().then((keys) => keys.filter((key) => key.startsWith(prefix))), CACHE_PREFIX);
}

async function typeSetting(key: string, value: string): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Tab');
}

const otherOrigins = (urls: string[]) => urls.filter((url) => !url.startsWith(new URL(baseURL).origin) && !url.startsWith('blob:') && !url.startsWith('data:'));

describe('offline', () => {
  it('asks no other origin for anything during a page load and a short data generation', async () => {
    await page.goto(baseURL);
    await engineReady();
    // The service worker installs beside the first load, caches the build and takes control of the page.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), { timeout: 60_000 }).toBe('activated');
    expect(await labCaches()).toEqual([`${CACHE_PREFIX}${firstVersion}`]);
    const cached = await page.evaluate((name) => caches.open(name).then((cache) => cache.keys()).then((keys) => keys.map((request) => new URL(request.url).pathname)), `${CACHE_PREFIX}${firstVersion}`);
    expect(cached).toEqual(expect.arrayContaining(['/index.html', expect.stringMatching(/^\/assets\/engine\.worker-.*\.js$/), expect.stringMatching(/^\/assets\/tfjs-backend-wasm-threaded-simd-.*\.wasm$/)]));
    expect(cached.filter((path) => path.endsWith('.wasm'))).toHaveLength(3);

    for (const [key, value] of [['data.seed', '3'], ['data.train', '30'], ['data.val', '9'], ['data.test_id', '9'], ['data.test_ood', '9'], ['data.pool', '12']]) await typeSetting(key, value);
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('explore').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('dataset-item').count()).toBe(1);

    // The record holds the page, the engine worker and its wasm, so it really saw the traffic.
    expect(requests.some((url) => url.includes('/assets/engine.worker-'))).toBe(true);
    expect(requests.some((url) => url.endsWith('.wasm'))).toBe(true);
    expect(otherOrigins(requests)).toEqual([]);
  });

  it('starts with the network off: the page, the engine worker and its wasm come from the cache', async () => {
    const before = hits.length;
    await context.setOffline(true);
    await page.reload();
    await engineReady();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // The cached page kept its isolation headers, so wasm still runs with threads.
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    // The engine answers: a computation on the backend, and the dataset stored before going offline.
    const check = await page.evaluate(() => window.lab.engine.matMulCheck(16));
    expect(check.backend).toBe('wasm');
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    expect(await page.evaluate(() => window.lab.engine.listDatasets().then((list) => list.length))).toBe(1);
    await expect.poll(() => page.getByTestId('dataset-item').count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/offline-start.png` });
    // Nothing reached the server while offline.
    expect(hits.slice(before)).toEqual([]);
    await context.setOffline(false);
  });

  it('a new build waits for the person: the page offers a reload, and a page still on the old build keeps loading its files', async () => {
    const oldTab = await context.newPage();
    await oldTab.goto(baseURL);
    await expect.poll(() => oldTab.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');

    // A "new build": index.html changes, the first build's extra file is gone, every other file stays.
    const index = join(site, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="lab-build" content="second" />\n    <title>'));
    unlinkSync(join(site, FIRST_BUILD_ONLY));
    const second = await writeServiceWorker(site);
    expect(second.version).not.toBe(firstVersion);
    const before = hits.length;
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));

    // It installs and waits: both pages say a new version is ready, neither was taken over, both caches are kept.
    await page.getByTestId('update-ready').waitFor({ timeout: 60_000 });
    await oldTab.getByTestId('update-ready').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.waiting?.state ?? null))).toBe('installed');
    expect((await labCaches()).sort()).toEqual([`${CACHE_PREFIX}${firstVersion}`, `${CACHE_PREFIX}${second.version}`].sort());
    // Only the service worker and the changed page were downloaded; the worker bundle and wasm were reused after their hash check.
    const fetched = hits.slice(before).map((path) => path.replace(/\?.*$/, ''));
    expect(fetched).toContain('/sw.js');
    expect(fetched).toContain('/index.html');
    expect(fetched.filter((path) => path.startsWith('/assets/'))).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/offline-update-ready.png` });

    // The person reloads this page: the new build takes over and the page comes back on it.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    expect(await page.locator('meta[name="lab-build"]').getAttribute('content')).toBe('second');
    await engineReady();

    // The other page still runs the first build, offline too: its lazily loaded file comes from the kept cache.
    await context.setOffline(true);
    expect(await oldTab.locator('meta[name="lab-build"]').count()).toBe(0);
    expect(await oldTab.evaluate((path) => fetch(path).then((response) => response.text()), `/${FIRST_BUILD_ONLY}`)).toBe('from the first build');
    expect((await labCaches()).sort()).toEqual([`${CACHE_PREFIX}${firstVersion}`, `${CACHE_PREFIX}${second.version}`].sort());

    // Once no page of the first build is left, its cache goes.
    await oldTab.close();
    await page.reload();
    await expect.poll(labCaches, { timeout: 30_000 }).toEqual([`${CACHE_PREFIX}${second.version}`]);
    expect(await page.locator('meta[name="lab-build"]').getAttribute('content')).toBe('second');
    await engineReady();
    await context.setOffline(false);
  });

  it('logged no errors', () => {
    expect(errors).toEqual([]);
    expect(otherOrigins(requests)).toEqual([]);
  });
});
