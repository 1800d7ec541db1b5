// What the service worker caches for offline use: every file of the built app except source maps and
// the service worker itself, each with a revision (a hash of its content), and a version that changes
// whenever any file changes. Computed at build time (scripts/vite-plugin-offline.ts); pure, so tested in Node.
import { createHash } from 'node:crypto';

export interface PrecacheEntry {
  /** Path relative to the app's base, with forward slashes: `index.html`, `assets/engine.worker-abc.js`. */
  url: string;
  /** Hash of the file's content: an unchanged file is reused from the previous cache on an update. */
  revision: string;
}

export interface PrecacheManifest {
  /** Names the cache; changes when any file changes. */
  version: string;
  entries: PrecacheEntry[];
  /** Served for navigations when the network is unreachable. */
  navigationFallback: string;
}

export const SERVICE_WORKER_FILE = 'sw.js';
const NAVIGATION_FALLBACK = 'index.html';

/** Source maps are for developers (fetched from the network when the devtools ask); the worker updates itself. */
export function shouldPrecache(path: string): boolean {
  return !path.endsWith('.map') && path !== SERVICE_WORKER_FILE && !path.split('/').some((part) => part.startsWith('.'));
}

function hash(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function precacheManifest(files: readonly { path: string; content: Uint8Array }[]): PrecacheManifest {
  const entries = files
    .filter((file) => shouldPrecache(file.path))
    .map((file) => ({ url: file.path, revision: hash(file.content) }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (!entries.some((entry) => entry.url === NAVIGATION_FALLBACK)) {
    throw new Error(`The build has no ${NAVIGATION_FALLBACK}, so the offline service worker has no page to start from; check vite's build output.`);
  }
  return { version: hash(entries.map((entry) => `${entry.url}\0${entry.revision}`).join('\n')), entries, navigationFallback: NAVIGATION_FALLBACK };
}
