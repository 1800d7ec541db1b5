// Soak: a saver thread killed mid-save, again and again, always leaves a whole checkpoint file
// behind: the one it was writing, or the one before (the IndexedDB soak is in
// src/storage/checkpoints/checkpoint-soak.test.ts).
//   SOAK_KILLS  kills (default 20)
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gptConfig } from '../model/gpt';
import { createRng } from '../random';
import { FileCheckpointSink, previousSlotPath } from './node-file';
import { sameModelCheckpoint, sampleModelCheckpoint } from './test-support';

const KILLS = Number(process.env.SOAK_KILLS ?? 20);
const config = gptConfig('nano');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checkpoint-soak-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint file soak', () => {
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
});

const exists = (path: string) => stat(path).then(() => true, () => false);
