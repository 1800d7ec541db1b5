// The lab's service worker: after the first visit the lab starts with the network off.
// - install: caches every file of this build (the manifest is written in at build time by
//   scripts/vite-plugin-offline.ts). Each file is stored only if its bytes hash to the manifest's
//   SHA-256 and it was not redirected; an unchanged file is copied from the previous cache, checked
//   the same way. One bad file fails the install, and the previous version stays.
// - waiting: an update does not take over open pages. The page shows "a new version is ready" and
//   sends `skip-waiting` when the person chooses to reload (src/ui/app/offline-updates.ts).
// - activate: the first install controls the page that registered it; an update keeps the caches
//   of earlier builds while any page that was open at activation remains, so an old page can still
//   load its lazily loaded files, and drops them once none is left (checked when a page says
//   `page-ready`, on navigations and on activation).
// - fetch: same-origin GETs only. Navigations go to the network first (so an online person gets a
//   new build at once) and fall back to the cached page when the network is unreachable or slow;
//   everything else is served from this build's cache, then older kept caches, else the network.
//   A redirected response is never served from a cache. Nothing goes to other origins.
// Registered from src/ui/app/main.ts in production builds only. A classic script: no imports.

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
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void>; matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<{ id: string }[]> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

/** Older caches kept for the pages that were open when this build took over. */
interface RetiringCaches {
  caches: string[];
  clients: string[];
}

declare const __LAB_PRECACHE__: PrecacheManifest;

const worker = self as unknown as ServiceWorkerScope;
const manifest = __LAB_PRECACHE__;
const CACHE_PREFIX = 'relevance-lab-precache-';
const CACHE_NAME = `${CACHE_PREFIX}${manifest.version}`;
/** Where the revision of each cached file is kept, inside the cache itself. */
const REVISIONS_KEY = '__revisions__.json';
/** Where the retiring caches are listed, inside this build's cache. */
const RETIRING_KEY = '__retiring__.json';
/** A navigation waits this long for the network before the cached page is served. */
const NAVIGATION_TIMEOUT_MS = 4000;

const absolute = (url: string) => new URL(url, worker.registration.scope).href;

const jsonResponse = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'Content-Type': 'application/json' } });

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The response rebuilt from checked bytes, or an error saying why it cannot be kept. */
async function verified(response: Response, url: string, revision: string): Promise<Response | Error> {
  if (response.redirected || response.type === 'opaqueredirect') return new Error(`${url} was redirected to ${response.url || 'another address'}; a redirect is never cached`);
  if (!response.ok) return new Error(`${url} answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  const digest = await sha256Hex(bytes);
  if (digest !== revision) return new Error(`${url} does not match this build (SHA-256 ${digest}, expected ${revision})`);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}

async function previousCaches(): Promise<{ cache: Cache; revisions: Record<string, string> }[]> {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE_NAME) continue;
    const cache = await caches.open(name);
    const stored = await cache.match(absolute(REVISIONS_KEY));
    if (stored) found.push({ cache, revisions: (await stored.json()) as Record<string, string> });
  }
  return found;
}

/** The checked response for one entry: from a previous cache when an intact copy is there, else the network. */
async function checkedCopy(url: string, revision: string, previous: { cache: Cache; revisions: Record<string, string> }[]): Promise<Response> {
  for (const old of previous) {
    if (old.revisions[url] !== revision) continue;
    const copy = await old.cache.match(absolute(url));
    const checked = copy ? await verified(copy, url, revision) : null;
    if (checked instanceof Response) return checked;
  }
  const checked = await verified(await fetch(new Request(absolute(url), { cache: 'reload' })), url, revision);
  if (checked instanceof Error) throw new Error(`Offline cache: ${checked.message}; the update is skipped and the previous version stays.`);
  return checked;
}

async function precache(): Promise<void> {
  const previous = await previousCaches();
  const cache = await caches.open(CACHE_NAME);
  try {
    await Promise.all(manifest.entries.map(async ({ url, revision }) => cache.put(absolute(url), await checkedCopy(url, revision, previous))));
    await cache.put(absolute(REVISIONS_KEY), jsonResponse(Object.fromEntries(manifest.entries.map(({ url, revision }) => [url, revision]))));
  } catch (error) {
    await caches.delete(CACHE_NAME);
    throw error;
  }
}

async function openPageIds(): Promise<string[]> {
  return (await worker.clients.matchAll({ type: 'window', includeUncontrolled: true })).map((client) => client.id);
}

async function activate(): Promise<void> {
  const older = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME);
  // A first install: the page that registered it is of this build, so controlling it at once is safe.
  if (older.length === 0) return worker.clients.claim();
  const retiring: RetiringCaches = { caches: older, clients: await openPageIds() };
  await (await caches.open(CACHE_NAME)).put(absolute(RETIRING_KEY), jsonResponse(retiring));
  await dropRetiredCaches();
}

/** Deletes the kept caches once none of the pages open at activation is left. */
async function dropRetiredCaches(): Promise<void> {
  const cache = await caches.open(CACHE_NAME);
  const stored = await cache.match(absolute(RETIRING_KEY));
  if (!stored) return;
  const retiring = (await stored.json()) as RetiringCaches;
  const open = new Set(await openPageIds());
  if (retiring.clients.some((id) => open.has(id))) return;
  for (const name of retiring.caches) await caches.delete(name);
  await cache.delete(absolute(RETIRING_KEY));
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(activate());
});

worker.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'skip-waiting') event.waitUntil(worker.skipWaiting());
  if (type === 'page-ready') event.waitUntil(dropRetiredCaches());
});

/** This build's cache first, then caches kept for pages of earlier builds; never a redirected response. */
async function fromCaches(request: Request | string): Promise<Response | undefined> {
  const names = (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME);
  for (const name of [CACHE_NAME, ...names]) {
    const response = await (await caches.open(name)).match(request, { ignoreVary: true });
    if (response && !response.redirected) return response;
  }
  return undefined;
}

async function navigate(request: Request): Promise<Response> {
  void dropRetiredCaches().catch(() => undefined);
  const fallback = await fromCaches(absolute(manifest.navigationFallback));
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
  return (await fromCaches(request)) ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith(request.mode === 'navigate' ? navigate(request) : cacheFirst(request));
});

export {};
