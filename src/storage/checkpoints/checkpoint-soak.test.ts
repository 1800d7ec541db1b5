// Soak: a long training stage of the nano preset keeps its tensor count and heap flat while saving
// periodic checkpoints to IndexedDB in two slots, and a save cut off again and again always leaves
// the previous checkpoint whole (the file soak is in src/core/checkpoint/checkpoint-soak.test.ts).
//   SOAK_STEPS  training steps (default 1,000: about 35 s on a loaded 2-core machine)
//   SOAK_KILLS  cut-off saves (default 20)
import 'fake-indexeddb/auto';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toStoredCheckpoint } from '../../core/checkpoint/stored';
import { sameModelCheckpoint, sampleModelCheckpoint } from '../../core/checkpoint/test-support';
import { createGpt, disposeGpt, gptConfig } from '../../core/model/gpt';
import { createRng } from '../../core/random';
import { trainStage } from '../../core/training/loop/stage-runner';
import { syntheticStageData } from '../../core/training/loop/test-support';
import { CROSS_ENTROPY } from '../../core/training/step/losses';
import { useBackend } from '../../core/backend/test-backends';
import { openLabStore } from '../lab-store';
import { freshDbName } from '../test-support';
import { StoreCheckpointSink } from './sink';

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

beforeAll(async () => {
  await useBackend('wasm');
});

describe('checkpoint store soak', () => {
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
