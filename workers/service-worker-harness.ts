// Runs the built service worker script (scripts/vite-plugin-offline.ts) in Node for its tests: a vm
// context with in-memory Cache Storage, a scripted network, window clients and the worker's events.
// Only what workers/service-worker.ts uses is modelled.
import { runInNewContext } from 'node:vm';
import { serviceWorkerScript } from '../scripts/vite-plugin-offline';
import type { PrecacheManifest } from './precache-manifest';

export const ORIGIN = 'http://lab.test';

/** A response as the network gives it, optionally marked as the end of a redirect. */
export function networkResponse(body: string, options: { status?: number; redirectedTo?: string; headers?: Record<string, string> } = {}): Response {
  const response = new Response(body, { status: options.status ?? 200, headers: options.headers });
  return options.redirectedTo ? markRedirected(response, options.redirectedTo) : response;
}

/** Node's Response cannot be built redirected; the flag and final URL are set on the object. */
function markRedirected(response: Response, url: string): Response {
  Object.defineProperty(response, 'redirected', { value: true });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** A copy that keeps a redirect mark, as browsers' Cache Storage keeps a response's URL list. */
function copyOf(response: Response): Response {
  const copy = response.clone();
  return response.redirected ? markRedirected(copy, response.url) : copy;
}

class MemoryCache {
  readonly entries = new Map<string, Response>();
  async match(request: Request | string): Promise<Response | undefined> {
    const stored = this.entries.get(urlOf(request));
    return stored ? copyOf(stored) : undefined;
  }
  async put(request: Request | string, response: Response): Promise<void> {
    this.entries.set(urlOf(request), copyOf(response));
  }
  async delete(request: Request | string): Promise<boolean> {
    return this.entries.delete(urlOf(request));
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new MemoryCache()));
    return cache;
  }
  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }
  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }
  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }
}

function urlOf(request: Request | string): string {
  return new URL(typeof request === 'string' ? request : request.url, ORIGIN).href;
}

type Listener = (event: Record<string, unknown>) => void;

/** One side of an event the worker handles: it resolves once every waitUntil/respondWith promise settles. */
async function dispatch(listeners: Listener[], fields: Record<string, unknown>): Promise<unknown> {
  const pending: Promise<unknown>[] = [];
  let responded: Promise<unknown> | undefined;
  const event = {
    ...fields,
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    respondWith: (promise: Promise<unknown>) => void (responded = promise),
  };
  for (const listener of listeners) listener(event);
  await Promise.all(pending);
  return responded === undefined ? undefined : await responded;
}

export interface ServiceWorkerUnderTest {
  caches: MemoryCacheStorage;
  /** Window clients open now, by id; tests add and remove them. */
  clients: Set<string>;
  /** What the network answers for a path (relative to the scope); unknown paths are 404. */
  network: Map<string, () => Response>;
  /** Every path fetched from the network, in order. */
  fetched: string[];
  calls: { skipWaiting: number; claim: number };
  install(): Promise<void>;
  activate(): Promise<void>;
  /** A same-origin GET; `navigate` for a page load. */
  fetch(path: string, mode?: 'navigate' | 'cors'): Promise<Response | undefined>;
  message(data: unknown): Promise<void>;
}

/** Starts the worker for `manifest` over existing `caches` (those of an earlier worker, if any). */
export async function startServiceWorker(manifest: PrecacheManifest, caches = new MemoryCacheStorage()): Promise<ServiceWorkerUnderTest> {
  const listeners = new Map<string, Listener[]>();
  const clients = new Set<string>();
  const network = new Map<string, () => Response>();
  const fetched: string[] = [];
  const calls = { skipWaiting: 0, claim: 0 };
  const scope = {
    registration: { scope: `${ORIGIN}/` },
    clients: {
      claim: async () => void (calls.claim += 1),
      matchAll: async () => [...clients].map((id) => ({ id, type: 'window' })),
    },
    skipWaiting: async () => void (calls.skipWaiting += 1),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const fetchFromNetwork = async (request: Request | string) => {
    const path = new URL(urlOf(request)).pathname.slice(1);
    fetched.push(path);
    const answer = network.get(path);
    return answer ? answer() : new Response('not found', { status: 404 });
  };
  runInNewContext(await serviceWorkerScript(manifest), {
    self: scope,
    caches,
    fetch: fetchFromNetwork,
    location: new URL(`${ORIGIN}/sw.js`),
    crypto: globalThis.crypto,
    Request,
    Response,
    Headers,
    URL,
    TextEncoder,
    setTimeout,
    clearTimeout,
    console,
  });
  const on = (type: string) => listeners.get(type) ?? [];
  return {
    caches,
    clients,
    network,
    fetched,
    calls,
    install: async () => void (await dispatch(on('install'), {})),
    activate: async () => void (await dispatch(on('activate'), {})),
    fetch: async (path, mode = 'cors') => (await dispatch(on('fetch'), { request: { url: `${ORIGIN}/${path}`, method: 'GET', mode } })) as Response | undefined,
    message: async (data) => void (await dispatch(on('message'), { data })),
  };
}
