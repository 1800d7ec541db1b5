// The offline service worker, run in Node on its built script (service-worker-harness.ts): what it
// stores, what it serves, and when it takes over. Chromium runs it for real in test/browser/offline.test.ts.
import { describe, expect, it } from 'vitest';
import { precacheManifest, type PrecacheManifest } from './precache-manifest';
import { networkResponse, startServiceWorker, type ServiceWorkerUnderTest } from './service-worker-harness';

const CACHE_PREFIX = 'relevance-lab-precache-';

/** A build: file path to content. */
type Build = Record<string, string>;

const FIRST: Build = { 'index.html': '<html>first</html>', 'assets/app-1.js': 'app one', 'assets/lazy-1.js': 'lazy one' };
const SECOND: Build = { 'index.html': '<html>second</html>', 'assets/app-1.js': 'app one', 'assets/lazy-2.js': 'lazy two' };

function manifestOf(build: Build): PrecacheManifest {
  return precacheManifest(Object.entries(build).map(([path, content]) => ({ path, content: new TextEncoder().encode(content) })));
}

function serve(worker: ServiceWorkerUnderTest, build: Build): void {
  worker.network.clear();
  for (const [path, content] of Object.entries(build)) worker.network.set(path, () => networkResponse(content, { headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' } }));
}

async function text(response: Response | undefined): Promise<string | null> {
  return response ? response.text() : null;
}

/** The first build installed and active, with one page open on it. */
async function firstBuildActive() {
  const first = await startServiceWorker(manifestOf(FIRST));
  serve(first, FIRST);
  await first.install();
  await first.activate();
  first.clients.add('tab-on-first-build');
  return first;
}

describe('offline service worker', () => {
  it('caches each file of the build after checking its SHA-256, keeping the headers, and controls the first page at once', async () => {
    const first = await firstBuildActive();
    const manifest = manifestOf(FIRST);
    expect(manifest.entries.every((entry) => /^[0-9a-f]{64}$/.test(entry.revision))).toBe(true);
    expect(await first.caches.keys()).toEqual([`${CACHE_PREFIX}${manifest.version}`]);
    first.network.clear(); // offline
    const lazy = await first.fetch('assets/lazy-1.js');
    expect(await text(lazy)).toBe('lazy one');
    expect(lazy?.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    // A first install has no older pages to disturb: it controls the page that registered it.
    expect(first.calls.claim).toBe(1);
  });

  it('refuses a file whose bytes do not match the build: the install fails and nothing of it is kept', async () => {
    const worker = await startServiceWorker(manifestOf(FIRST));
    serve(worker, FIRST);
    worker.network.set('assets/lazy-1.js', () => networkResponse('tampered'));
    await expect(worker.install()).rejects.toThrow(/assets\/lazy-1\.js does not match this build \(SHA-256/);
    expect(await worker.caches.keys()).toEqual([]);
  });

  it('never caches a redirected response', async () => {
    const worker = await startServiceWorker(manifestOf(FIRST));
    serve(worker, FIRST);
    worker.network.set('assets/app-1.js', () => networkResponse('app one', { redirectedTo: 'http://lab.test/login' }));
    await expect(worker.install()).rejects.toThrow(/assets\/app-1\.js was redirected to http:\/\/lab\.test\/login/);
    expect(await worker.caches.keys()).toEqual([]);
  });

  it('reuses an unchanged file from the previous cache only if its bytes still match', async () => {
    const first = await firstBuildActive();
    // The old cache's copy of the unchanged file got damaged.
    const [oldName] = await first.caches.keys();
    await (await first.caches.open(oldName)).put('http://lab.test/assets/app-1.js', networkResponse('damaged'));

    const second = await startServiceWorker(manifestOf(SECOND), first.caches);
    serve(second, SECOND);
    await second.install();
    expect(second.fetched.sort()).toEqual(['assets/app-1.js', 'assets/lazy-2.js', 'index.html']);
    await second.activate();
    second.network.clear();
    expect(await text(await second.fetch('assets/app-1.js'))).toBe('app one');
  });

  it('an update waits: it takes over no open page until the page asks for it', async () => {
    const first = await firstBuildActive();
    const second = await startServiceWorker(manifestOf(SECOND), first.caches);
    serve(second, SECOND);
    await second.install();
    expect(second.calls.skipWaiting).toBe(0);
    await second.message({ type: 'skip-waiting' });
    expect(second.calls.skipWaiting).toBe(1);
    second.clients.add('tab-on-first-build');
    await second.activate();
    expect(second.calls.claim).toBe(0);
  });

  it('keeps the old cache while a page of the old build is open, serves that page its lazy files, and drops it once no such page is left', async () => {
    const first = await firstBuildActive();
    const firstCache = `${CACHE_PREFIX}${manifestOf(FIRST).version}`;
    const secondCache = `${CACHE_PREFIX}${manifestOf(SECOND).version}`;
    const second = await startServiceWorker(manifestOf(SECOND), first.caches);
    serve(second, SECOND);
    await second.install();
    second.clients.add('tab-on-first-build');
    await second.activate();
    expect((await second.caches.keys()).sort()).toEqual([firstCache, secondCache].sort());

    // The old page, now controlled by the new worker, loads a file only its own build has, offline.
    second.network.clear();
    expect(await text(await second.fetch('assets/lazy-1.js'))).toBe('lazy one');
    expect(await text(await second.fetch('assets/lazy-2.js'))).toBe('lazy two');

    // A new page says hello while the old one is still open: the old cache stays.
    second.clients.add('tab-on-second-build');
    await second.message({ type: 'page-ready' });
    expect((await second.caches.keys()).sort()).toEqual([firstCache, secondCache].sort());
    // The old page reloads onto the new build: nothing uses the old cache any more.
    second.clients.delete('tab-on-first-build');
    await second.message({ type: 'page-ready' });
    expect(await second.caches.keys()).toEqual([secondCache]);
  });

  it('never serves a redirected response, even one an older worker cached', async () => {
    const first = await firstBuildActive();
    const [name] = await first.caches.keys();
    await (await first.caches.open(name)).put('http://lab.test/assets/lazy-1.js', networkResponse('login page', { redirectedTo: 'http://lab.test/login' }));
    serve(first, FIRST);
    expect(await text(await first.fetch('assets/lazy-1.js'))).toBe('lazy one');
    expect(first.fetched.at(-1)).toBe('assets/lazy-1.js');
  });
});
