// The lab's service worker: after the first visit the lab starts with the network off.
// - install: caches every file of this build (the manifest is written in at build time by
//   scripts/vite-plugin-offline.ts), reusing files whose revision is unchanged from the previous
//   cache, then takes over at once;
// - activate: deletes the caches of earlier builds and controls the open pages;
// - fetch: same-origin GETs only. Navigations go to the network first (so an online person gets a
//   new build at once) and fall back to the cached page when the network is unreachable or slow;
//   everything else is served from the cache, else from the network. Nothing goes to other origins.
// Registered from src/ui/main.ts in production builds only.

interface PrecacheManifest {
  version: string;
  entries: { url: string; revision: string }[];
  navigationFallback: string;
}

// Minimal service-worker types: the project compiles against the DOM library, which lacks them.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

declare const __LAB_PRECACHE__: PrecacheManifest;

const worker = self as unknown as ServiceWorkerScope;
const manifest = __LAB_PRECACHE__;
const CACHE_PREFIX = 'relevance-lab-precache-';
const CACHE_NAME = `${CACHE_PREFIX}${manifest.version}`;
/** Where the revision of each cached file is kept, inside the cache itself. */
const REVISIONS_KEY = '__revisions__.json';
/** A navigation waits this long for the network before the cached page is served. */
const NAVIGATION_TIMEOUT_MS = 4000;

const absolute = (url: string) => new URL(url, worker.registration.scope).href;

async function previousRevisions(): Promise<{ cache: Cache; revisions: Record<string, string> }[]> {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE_NAME) continue;
    const cache = await caches.open(name);
    const stored = await cache.match(absolute(REVISIONS_KEY));
    if (stored) found.push({ cache, revisions: (await stored.json()) as Record<string, string> });
  }
  return found;
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  const previous = await previousRevisions();
  await Promise.all(
    manifest.entries.map(async ({ url, revision }) => {
      for (const old of previous) {
        if (old.revisions[url] !== revision) continue;
        const response = await old.cache.match(absolute(url));
        if (response) return cache.put(absolute(url), response);
      }
      const response = await fetch(new Request(absolute(url), { cache: 'reload' }));
      if (!response.ok) throw new Error(`Offline cache: ${url} answered ${response.status}; the update is skipped and the previous version stays.`);
      return cache.put(absolute(url), response);
    }),
  );
  const revisions = Object.fromEntries(manifest.entries.map(({ url, revision }) => [url, revision]));
  await cache.put(absolute(REVISIONS_KEY), new Response(JSON.stringify(revisions), { headers: { 'Content-Type': 'application/json' } }));
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

async function fromCache(request: Request | string): Promise<Response | undefined> {
  const cache = await caches.open(CACHE_NAME);
  return cache.match(request, { ignoreVary: true });
}

async function navigate(request: Request): Promise<Response> {
  const fallback = await fromCache(absolute(manifest.navigationFallback));
  if (!fallback) return fetch(request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<Response>((resolve) => {
    timer = setTimeout(() => resolve(fallback), NAVIGATION_TIMEOUT_MS);
  });
  try {
    return await Promise.race([fetch(request), slow]);
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  return (await fromCache(request)) ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith(request.mode === 'navigate' ? navigate(request) : cacheFirst(request));
});

export {};
