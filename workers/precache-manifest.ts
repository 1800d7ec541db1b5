// What the service worker caches for offline use: every file of the built app except source maps and
// the service worker itself, each with a revision (a hash of its content), and a version that changes
// whenever any file changes. Computed at build time (scripts/vite-plugin-offline.ts); pure, so tested in Node.
import { createHash } from 'node:crypto';

export interface PrecacheEntry {
  /** Path relative to the app's base, with forward slashes: `index.html`, `assets/engine.worker-abc.js`. */
  url: string;
  /**
   * SHA-256 of the file's content, in hex: the service worker stores a file only if its bytes hash to
   * this, and reuses an unchanged file (same revision) from the previous cache after checking it again.
   */
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

function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function precacheManifest(files: readonly { path: string; content: Uint8Array }[]): PrecacheManifest {
  const entries = files
    .filter((file) => shouldPrecache(file.path))
    .map((file) => ({ url: file.path, revision: sha256(file.content) }))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (!entries.some((entry) => entry.url === NAVIGATION_FALLBACK)) {
    throw new Error(`The build has no ${NAVIGATION_FALLBACK}, so the offline service worker has no page to start from; check vite's build output.`);
  }
  const version = sha256(entries.map((entry) => `${entry.url}\0${entry.revision}`).join('\n')).slice(0, 16);
  return { version, entries, navigationFallback: NAVIGATION_FALLBACK };
}

/** Of `paths` (relative, forward slashes), those the service worker should cache but `manifest` lacks. */
export function unprecachedFiles(manifest: PrecacheManifest, paths: readonly string[]): string[] {
  const cached = new Set(manifest.entries.map((entry) => entry.url));
  return paths.filter((path) => shouldPrecache(path) && !cached.has(path)).sort();
}
