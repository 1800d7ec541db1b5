// Training threads in Chromium: with ?trainingThreads=2 the engine worker starts a nested training
// worker on wasm, a training stage gives the same per-step losses as on one thread (the batch split
// is exact, only float summation order differs), and no tensor outlives the stage; a bad count in the
// address is refused with an error naming it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRequest } from '../../src/engine/model-types';
import { nanoPretrainRequest } from './nano-pretrain-request';
import { launchLab, type LabBrowser } from './launch';

const TINY = { seed: 11, sizes: { train: 48, val: 12, test_id: 6, test_ood: 6, pool: 24 } };

/**
 * Largest relative difference between the losses of the same step on 1 and 2 training threads. The
 * two threads' gradients add up in another order than one thread's, about 1e-7 relative per sum; as
 * in model-training.test.ts, AdamW's first updates near lr * sign(gradient) leave room for a few sign
 * flips of near-zero entries, and a lost or doubled shard moves the loss by far more (1e-2 and up).
 */
const PARITY_RELATIVE = 1e-4;

let lab: LabBrowser;
let datasetId: string;
let tokenizerId: string;

function request(checkpointId: string): TrainingRequest {
  return nanoPretrainRequest({ datasetId, tokenizerId }, checkpointId);
}

/** The training worker scripts the page has started so far (Playwright attaches to nested workers too). */
function trainingWorkers(page: Page): string[] {
  return page.workers().map((worker) => worker.url()).filter((url) => url.includes('gradient-worker-browser'));
}

/** Trains the stage on a page opened with `query`; returns its losses, tensor counts around it and the backend info. */
async function train(query: string, checkpointId: string) {
  const page = await lab.newPage(query);
  const info = await page.evaluate(() => window.lab.ready);
  const before = (await page.evaluate(() => window.lab.engine.memory())).numTensors;
  const outcome = await page.evaluate((r) => window.lab.engine.trainModel(r), request(checkpointId));
  const after = (await page.evaluate(() => window.lab.engine.memory())).numTensors;
  const shown = await page.getByTestId('status-training-threads').first().textContent();
  const workers = trainingWorkers(page);
  await page.close();
  return { info, losses: outcome.losses, before, after, shown, workers };
}

beforeAll(async () => {
  lab = await launchLab();
  const page = await lab.newPage('?backend=wasm&trainingThreads=1');
  await page.evaluate(() => window.lab.ready);
  datasetId = await page.evaluate((config) => window.lab.engine.generateDataset(config).then((summary) => summary.info.id), TINY);
  tokenizerId = await page.evaluate((id) => window.lab.engine.trainTokenizer(id, { vocabSize: 512 }).then((summary) => summary.id), datasetId);
  await page.close();
});

afterAll(async () => {
  await lab?.close();
});

describe('training threads in the browser', () => {
  it('trains on 2 threads with ?trainingThreads=2: the same per-step losses as 1 thread, no tensor left behind', async () => {
    const one = await train('?backend=wasm&trainingThreads=1', 'threads-1');
    const two = await train('?backend=wasm&trainingThreads=2', 'threads-2');
    expect(one.info).toMatchObject({ backend: 'wasm', trainingThreads: 1 });
    expect(two.info).toMatchObject({ backend: 'wasm', trainingThreads: 2 });
    expect([one.shown, two.shown]).toEqual(['1', '2']);
    // One nested training worker ran the second shard; none started on one thread.
    expect(one.workers).toEqual([]);
    expect(two.workers).toHaveLength(1);

    expect(two.losses).toHaveLength(4);
    const relative = two.losses.map((loss, i) => Math.abs(loss - one.losses[i]) / Math.abs(one.losses[i]));
    console.info(`1 vs 2 training threads, nano, 4 steps of 8 rows: ${one.losses.map((l) => l.toFixed(6)).join(' ')} vs ${two.losses.map((l) => l.toFixed(6)).join(' ')}; max relative difference ${Math.max(...relative).toExponential(2)} (tolerance ${PARITY_RELATIVE})`);
    relative.forEach((difference, step) => expect(difference, `step ${step + 1}`).toBeLessThan(PARITY_RELATIVE));
    expect(one.losses[3]).toBeLessThan(one.losses[0]); // it trained, so the agreement says something

    expect(one.after).toBe(one.before);
    expect(two.after).toBe(two.before);
  });

  it('uses one training thread per logical core (up to 4) on wasm by default, and one on cpu', async () => {
    for (const [backend, expected] of [['wasm', (cores: number) => Math.min(4, cores)], ['cpu', () => 1]] as const) {
      const page = await lab.newPage(`?backend=${backend}`);
      const info = await page.evaluate(() => window.lab.ready);
      expect(info.trainingThreads, backend).toBe(expected(info.probe.logicalCores));
      await expect.poll(() => page.getByTestId('status-training-threads').first().textContent()).toBe(String(info.trainingThreads));
      await page.close();
    }
  });

  it('refuses ?trainingThreads=abc with an error naming the address', async () => {
    const page = await lab.newPage('?backend=wasm&trainingThreads=abc');
    const failure = await page.evaluate(() => window.lab.ready.then(() => null, (error: Error) => ({ name: error.name, message: error.message })));
    expect(failure).toEqual({ name: 'BackendSetupError', message: 'the address (?trainingThreads=abc): training threads must be a whole number from 1 to 8, got "abc".' });
    await expect.poll(() => page.getByTestId('status-error').first().textContent()).toBe(`BackendSetupError: ${failure!.message}`);
    await page.close();
  });

  it('logged no errors', () => {
    expect(lab.errors).toEqual([]);
  });
});
