// IndexedDB storage in Debian's Chromium, through window.lab.storage on the built app: a checkpoint
// survives reloads and new pages, and a large save cut off by closing the page leaves the previous
// checkpoint intact (the new one complete or absent, never mixed).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, LabStore } from '../../src/storage';
import { launchLab, type LabBrowser } from './launch';

interface StorageTestHelpers {
  /** A checkpoint of about `megabytes` MB whose every value follows from `seed`. */
  checkpoint(id: string, seed: number, megabytes: number): Checkpoint;
  /** A hash of names, shapes and every byte, to compare checkpoints without moving them out of the page. */
  fingerprint(checkpoint: Pick<Checkpoint, 'tensors'>): string;
  /** Chunk and pending-write records straight from IndexedDB. */
  rawCounts(): Promise<{ chunks: number; pending: number }>;
  progress: number;
}

declare global {
  interface Window {
    storageTest: StorageTestHelpers;
  }
}

/** Runs in every page of the profile before the app. Self-contained: it is sent to the page as text. */
function installHelpers(): void {
  const hashBytes = (hash: number, bytes: Uint8Array): number => {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619) >>> 0;
    return hash;
  };
  window.storageTest = {
    progress: 0,
    checkpoint(id, seed, megabytes) {
      const floats = Math.floor((megabytes * 1_000_000) / 4) - 1000;
      const big = new Float32Array(floats);
      for (let i = 0; i < floats; i++) big[i] = Math.fround(((Math.imul(i + 1, 2654435761) ^ seed) >>> 0) / 4294967296 - 0.5);
      const ids = Int32Array.from({ length: 1000 }, (_, i) => i * seed);
      return {
        id,
        name: `${id} seed ${seed}`,
        config: { seed, megabytes },
        metadata: { seed },
        tensors: [
          { name: 'embedding', dtype: 'float32', shape: [floats], data: big },
          { name: 'positions', dtype: 'int32', shape: [10, 100], data: ids },
        ],
      };
    },
    fingerprint(checkpoint) {
      let hash = 2166136261;
      for (const tensor of checkpoint.tensors) {
        hash = hashBytes(hash, new TextEncoder().encode(`${tensor.name}|${tensor.dtype}|${tensor.shape.join('x')}|`.padEnd(64)));
        hash = hashBytes(hash, new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
      }
      return `${hash.toString(16)}:${checkpoint.tensors.map((tensor) => tensor.data.length).join(',')}`;
    },
    async rawCounts() {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('relevance-lab');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['checkpointChunks', 'pendingWrites']);
      const count = (store: string) =>
        new Promise<number>((resolve, reject) => {
          const request = tx.objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const [chunks, pending] = await Promise.all([count('checkpointChunks'), count('pendingWrites')]);
      db.close();
      return { chunks, pending };
    },
  };
}

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
  await lab.context.addInitScript(installHelpers);
});

afterAll(async () => {
  await lab?.close();
});

async function openLab(): Promise<Page> {
  const page = await lab.newPage();
  await page.waitForFunction(() => Boolean(window.lab?.storage), undefined, { timeout: 60_000 });
  return page;
}

/** Chunk and pending counts once orphans are gone. A closed page's Web Lock may outlive page.close() briefly, so collect again until then. */
async function countsAfterCollection(page: Page) {
  let counts = { chunks: -1, pending: -1 };
  await expect
    .poll(
      async () =>
        (counts = await page.evaluate(async () => {
          await (window.lab.storage as LabStore).collectOrphans();
          return window.storageTest.rawCounts();
        })).pending,
      { timeout: 15_000 },
    )
    .toBe(0);
  return counts;
}

/** Fingerprint of the stored checkpoint, or null when none has that id. */
async function storedFingerprint(page: Page, id: string): Promise<string | null> {
  return page.evaluate(
    async ({ id }) => {
      const storage = window.lab.storage as LabStore;
      const listed = await storage.listCheckpoints();
      if (!listed.some((summary) => summary.id === id)) return null;
      return window.storageTest.fingerprint(await storage.loadCheckpoint(id));
    },
    { id },
  );
}

describe('lab storage in Chromium', () => {
  it('a saved checkpoint survives a reload and a new page', async () => {
    const page = await openLab();
    expect(await page.evaluate(() => typeof (window.lab.storage as LabStore).saveCheckpoint)).toBe('function');
    const saved = await page.evaluate(async () => {
      const storage = window.lab.storage as LabStore;
      const checkpoint = window.storageTest.checkpoint('persisted', 7, 20);
      const started = performance.now();
      const summary = await storage.saveCheckpoint(checkpoint);
      const saveMs = performance.now() - started;
      const loadStarted = performance.now();
      const loaded = await storage.loadCheckpoint('persisted');
      const loadMs = performance.now() - loadStarted;
      return { fingerprint: window.storageTest.fingerprint(checkpoint), reloaded: window.storageTest.fingerprint(loaded), bytes: summary.byteSize, saveMs, loadMs };
    });
    expect(saved.reloaded).toBe(saved.fingerprint);
    console.info(
      `Chromium IndexedDB, ${(saved.bytes / 1e6).toFixed(1)} MB checkpoint in 4 MiB chunks: save ${saved.saveMs.toFixed(0)} ms ` +
        `(${(saved.bytes / 1e3 / saved.saveMs).toFixed(0)} MB/s), load ${saved.loadMs.toFixed(0)} ms (${(saved.bytes / 1e3 / saved.loadMs).toFixed(0)} MB/s)`,
    );

    await page.reload();
    await page.waitForFunction(() => Boolean(window.lab?.storage));
    expect(await storedFingerprint(page, 'persisted')).toBe(saved.fingerprint);
    await page.close();

    const fresh = await openLab();
    expect(await storedFingerprint(fresh, 'persisted')).toBe(saved.fingerprint);
    expect(await fresh.evaluate(async () => (await (window.lab.storage as LabStore).usage()).perItem.map((item) => item.id))).toContain('persisted');
    await fresh.close();
  });

  it('closing the page in the middle of a large save leaves the previous checkpoint whole', async () => {
    const setup = await openLab();
    const previous = await setup.evaluate(async () => {
      const checkpoint = window.storageTest.checkpoint('big', 1, 24);
      await (window.lab.storage as LabStore).saveCheckpoint(checkpoint);
      return window.storageTest.fingerprint(checkpoint);
    });
    await setup.close();

    // 1. The writer is stopped for sure mid-write (its progress callback never returns) when the page closes.
    const stalled = await openLab();
    const stalledNext = await stalled.evaluate(() => {
      const checkpoint = window.storageTest.checkpoint('big', 2, 64);
      void (window.lab.storage as LabStore).saveCheckpoint(checkpoint, {
        onProgress: ({ chunksWritten }) => {
          window.storageTest.progress = chunksWritten;
          return chunksWritten >= 5 ? new Promise<void>(() => undefined) : undefined;
        },
      });
      return window.storageTest.fingerprint(checkpoint);
    });
    await stalled.waitForFunction(() => window.storageTest.progress >= 5, undefined, { timeout: 60_000 });
    await stalled.close();

    let after = await openLab();
    expect(await storedFingerprint(after, 'big')).toBe(previous);
    expect(stalledNext).not.toBe(previous);
    expect(await countsAfterCollection(after)).toEqual({ chunks: 5 + 6, pending: 0 }); // 'persisted' (20 MB) + 'big' (24 MB) in 4 MiB chunks; orphans collected
    await after.close();

    // 2. The writer runs free and the page closes once a few chunks are in: the result is the old or the new, whole.
    const running = await openLab();
    const runningNext = await running.evaluate(() => {
      const checkpoint = window.storageTest.checkpoint('big', 3, 64);
      void (window.lab.storage as LabStore).saveCheckpoint(checkpoint, {
        onProgress: ({ chunksWritten }) => {
          window.storageTest.progress = chunksWritten;
        },
      });
      return window.storageTest.fingerprint(checkpoint);
    });
    await running.waitForFunction(() => window.storageTest.progress >= 3, undefined, { timeout: 60_000, polling: 'raf' });
    await running.close();

    after = await openLab();
    const found = await storedFingerprint(after, 'big');
    expect([previous, runningNext]).toContain(found);
    const counts = await countsAfterCollection(after);
    expect(counts).toEqual({ chunks: 5 + (found === previous ? 6 : 16), pending: 0 });
    console.info(`page closed mid-save: the stored checkpoint is the ${found === previous ? 'previous one (the new save never committed)' : 'new one (it committed before the page went)'}`);
    await after.close();
  });
});
