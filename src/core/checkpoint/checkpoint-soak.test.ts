// Soak: a long training stage of the nano preset keeps its tensor count and heap flat while saving
// periodic checkpoints in two slots, and a saver killed mid-save, again and again, always leaves a
// whole checkpoint behind: the one it was writing, or the one before.
//   SOAK_STEPS  training steps (default 1,000: about 35 s on a loaded 2-core machine)
//   SOAK_KILLS  kills of each kind (default 20)
import 'fake-indexeddb/auto';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../../storage/lab-store';
import { freshDbName } from '../../storage/test-support';
import { createGpt, disposeGpt, gptConfig } from '../model/gpt';
import { createRng } from '../random';
import { trainStage } from '../training/loop/stage-runner';
import { syntheticStageData } from '../training/loop/test-support';
import { CROSS_ENTROPY } from '../training/step/losses';
import { useBackend } from '../training/step/test-backends';
import { FileCheckpointSink, previousSlotPath } from './node-file';
import { StoreCheckpointSink } from './sink';
import { toStoredCheckpoint } from './stored';
import { sameModelCheckpoint, sampleModelCheckpoint } from './test-support';

const STEPS = Number(process.env.SOAK_STEPS ?? 1000);
const KILLS = Number(process.env.SOAK_KILLS ?? 20);
const EVERY = Math.max(1, Math.floor(STEPS / 10));
const config = gptConfig('nano');

/** A full garbage collection, so heap samples compare what is alive. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const heapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

let dir: string;
beforeAll(async () => {
  await useBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'checkpoint-soak-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint soak', () => {
  it(`trains ${STEPS} steps of nano with the tensor count flat and the heap flat, saving every ${EVERY} steps`, async () => {
    const store = await openLabStore(freshDbName('soak'), { estimate: null, checkpointChunkBytes: 64 * 1024 });
    const sink = new StoreCheckpointSink(store, 'soak');
    const data = syntheticStageData(config, 256, 'soak', 12);
    const tensorsBefore = tf.memory().numTensors;
    const model = createGpt(config, 'soak');
    const tensors: number[] = [];
    const heap: { step: number; mb: number }[] = [];
    const started = performance.now();
    try {
      await trainStage({
        model, stage: 'finetune', data, steps: STEPS, learningRate: 1e-3, batchSize: 2, seed: 1, loss: CROSS_ENTROPY, checkpointEvery: EVERY, sink,
        onStep: (step) => {
          tensors.push(tf.memory().numTensors);
          // Sampled between saves' effects: the step after a save, when its chunks are committed.
          if (step % EVERY === 1 && step > 1) heap.push({ step, mb: heapMb() });
        },
      });
    } finally {
      disposeGpt(model);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(new Set(tensors).size, `tensor counts seen: ${[...new Set(tensors)].join(', ')}`).toBe(1);
    // The first samples include warm-up (kernels, caches); from the second on the heap must stay put.
    const settled = heap.slice(1).map((sample) => sample.mb);
    const growth = settled.length > 1 ? Math.max(...settled) - Math.min(...settled) : 0;
    console.info(
      `soak: ${STEPS} steps in ${seconds.toFixed(1)} s; ${tensors[0]} tensors after every step; heap after GC (MB) ${heap.map((h) => `${h.step}:${h.mb.toFixed(1)}`).join(' ')}; spread after warm-up ${growth.toFixed(2)} MB`,
    );
    expect(growth).toBeLessThan(8);
    expect((await sink.latest())!.training!.step).toBe(STEPS);
    store.close();
  }, 600_000);

  it(`a file saver thread terminated ${KILLS} times at random points leaves the newest saved checkpoint or the next, whole`, async () => {
    const path = join(dir, 'killed.safetensors');
    const sink = new FileCheckpointSink(path);
    const rng = createRng('kill points');
    const totalSteps = 1_000_000;
    let partialSeen = 0;
    let betweenRenames = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const before = await sink.latest();
      const from = (before?.training?.step ?? 0) + 1;
      const worker = new Worker(new URL('./fixtures/saver-worker.mjs', import.meta.url), { workerData: { path, from, totalSteps, config } });
      let saved = from - 1;
      worker.on('message', (message: { saved?: number }) => {
        if (message.saved !== undefined) saved = message.saved;
      });
      await once(worker, 'message'); // started: the first save begins now
      await new Promise((resolve) => setTimeout(resolve, rng.int(250)));
      await worker.terminate();
      if (await exists(`${path}.partial`)) partialSeen += 1;
      if (!(await exists(path)) && (await exists(previousSlotPath(path)))) betweenRenames += 1;

      const after = await sink.latest();
      if (after === null) {
        // Killed during the very first save (a loaded machine): nothing was ever whole, so nothing is there.
        expect(saved, `kill ${kill + 1}: no checkpoint although step ${saved} was saved`).toBe(0);
        continue;
      }
      const step = after.training?.step ?? 0;
      expect(step, `kill ${kill + 1}: the newest whole checkpoint is the last saved one or the one being saved`).toBeGreaterThanOrEqual(saved);
      expect(step).toBeLessThanOrEqual(saved + 1);
      expect(sameModelCheckpoint(after, sampleModelCheckpoint(step, step, totalSteps, config)), `kill ${kill + 1}: step ${step} is intact`).toBe(true);
    }
    console.info(`kills: ${KILLS} (${partialSeen} left a half-written .partial file, ${betweenRenames} fell between the two renames)`);
  }, 600_000);

  it(`an IndexedDB save cut off ${KILLS} times at random chunks leaves the previous checkpoint whole for every other reader`, async () => {
    const dbName = freshDbName('soak-kill');
    const chunkBytes = 16 * 1024;
    const rng = createRng('idb kill points');
    const writer = await openLabStore(dbName, { estimate: null, checkpointChunkBytes: chunkBytes });
    const reader = await openLabStore(dbName, { estimate: null });
    const saveWhole = (step: number) => new StoreCheckpointSink(writer, 'run').save(sampleModelCheckpoint(step, step, 1_000_000, config));
    let step = 1;
    await saveWhole(step);
    for (let kill = 0; kill < KILLS; kill++) {
      const doomed = toStoredCheckpoint(sampleModelCheckpoint(step + 1, step + 1, 1_000_000, config), 'run', 'run');
      const chunks = Math.ceil(doomed.tensors.reduce((sum, tensor) => sum + tensor.data.byteLength, 0) / chunkBytes);
      const cutAfter = 1 + rng.int(chunks);
      let reached!: () => void;
      const cut = new Promise<void>((resolve) => (reached = resolve));
      // The writer stops for good after `cutAfter` chunks, as a tab that is killed does: no rollback runs.
      void writer.saveCheckpoint(doomed, {
        keepPrevious: true,
        onProgress: ({ chunksWritten }) => (chunksWritten === cutAfter ? (reached(), new Promise<void>(() => undefined)) : undefined),
      });
      await cut;
      const seen = await new StoreCheckpointSink(reader, 'run').latest();
      expect(seen!.training!.step, `kill ${kill + 1} after chunk ${cutAfter} of ${chunks}`).toBe(step);
      expect(sameModelCheckpoint(seen!, sampleModelCheckpoint(step, step, 1_000_000, config))).toBe(true);
      step += 2;
      await saveWhole(step);
    }
    writer.close();
    reader.close();
  }, 600_000);
});

const exists = (path: string) => stat(path).then(() => true, () => false);
