// Training the relevance LM in the engine worker, in Chromium: webgpu (SwiftShader, GPU kernels
// forced) agrees with wasm step by step; a stage interrupted by a page reload resumes from its
// stored checkpoint to the same end; no tensor leaks over many steps; the NaN guard's error reaches
// the page as its own class; and the Model and Pretrain screens train, chart, list, export and import.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRequest } from '../../src/engine/model-types';
import { nanoPretrainRequest } from './nano-pretrain-request';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-results/screenshots';
const TINY = { seed: 11, sizes: { train: 48, val: 12, test_id: 6, test_ood: 6, pool: 24 } };

/**
 * Largest relative difference allowed between the webgpu and wasm loss of the same step. Both run
 * float32 and differ only in summation order (tiled GPU matMuls and reductions against XNNPACK) and
 * in exp/log/sqrt implementations: about 1e-7 relative per op, a few 1e-7 over a step (measured:
 * below 1e-6 over these steps). AdamW's first updates are close to lr * sign(gradient), so a
 * gradient entry near zero could take the other sign and move one weight by lr (3e-3) on one
 * backend only; 1e-4 leaves room for a few such flips and is far below what a wrong kernel gives
 * (a dropped update or a bad gradient moved the loss by 1e-2 relative here).
 */
const PARITY_RELATIVE = 1e-4;

let lab: LabBrowser;
let datasetId: string;
let tokenizerId: string;

async function ready(page: Page, backend: string): Promise<void> {
  const info = await page.evaluate(() => window.lab.ready);
  expect(info.backend).toBe(backend);
}

function request(checkpointId: string, overrides: Partial<TrainingRequest> = {}): TrainingRequest {
  return nanoPretrainRequest({ datasetId, tokenizerId }, checkpointId, overrides);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
  const page = await lab.newPage('?backend=wasm');
  await ready(page, 'wasm');
  datasetId = await page.evaluate((config) => window.lab.engine.generateDataset(config).then((summary) => summary.info.id), TINY);
  tokenizerId = await page.evaluate((id) => window.lab.engine.trainTokenizer(id, { vocabSize: 512 }).then((summary) => summary.id), datasetId);
  await page.close();
});

afterAll(async () => {
  await lab?.close();
});

describe('model training in the engine worker', () => {
  it('gives the same per-step losses on webgpu (GPU kernels, SwiftShader) as on wasm: pretrain, then fine-tune', async () => {
    const stages = async (page: Page, suffix: string) => {
      const pretrain = await page.evaluate((r) => window.lab.engine.trainModel(r), request(`parity-${suffix}`));
      const finetune = await page.evaluate(
        (r) => window.lab.engine.trainModel(r),
        request(`parity-ft-${suffix}`, { stage: 'finetune', init: { from: 'checkpoint', checkpointId: `parity-${suffix}` }, steps: 3, learningRate: 1e-3 }),
      );
      return [...pretrain.losses, ...finetune.losses];
    };
    const wasmPage = await lab.newPage('?backend=wasm');
    await ready(wasmPage, 'wasm');
    const wasm = await stages(wasmPage, 'wasm');
    await wasmPage.close();

    const gpuPage = await lab.newPage('?backend=webgpu');
    await ready(gpuPage, 'webgpu');
    expect(await gpuPage.evaluate(() => window.lab.engine.setFlags({ WEBGPU_CPU_FORWARD: false }))).toEqual({ WEBGPU_CPU_FORWARD: false });
    const started = Date.now();
    const gpu = await stages(gpuPage, 'webgpu');
    const gpuSeconds = (Date.now() - started) / 1000;
    expect((await gpuPage.evaluate(() => window.lab.engine.memory())).backend).toBe('webgpu');
    await gpuPage.close();

    expect(gpu).toHaveLength(7);
    const relative = gpu.map((loss, i) => Math.abs(loss - wasm[i]) / Math.abs(wasm[i]));
    console.info(`parity webgpu vs wasm, nano, 4 pretrain + 3 fine-tune steps: wasm ${wasm.map((l) => l.toFixed(6)).join(' ')}; webgpu ${gpu.map((l) => l.toFixed(6)).join(' ')}; max relative difference ${Math.max(...relative).toExponential(2)} (tolerance ${PARITY_RELATIVE}); webgpu stages ${gpuSeconds.toFixed(1)} s`);
    relative.forEach((difference, step) => expect(difference, `step ${step + 1}`).toBeLessThan(PARITY_RELATIVE));
    expect(wasm[3]).toBeLessThan(wasm[0]); // it trained, so the agreement says something
  });

  it('resumes a stage interrupted by a page reload from its stored checkpoint, to the same final loss', async () => {
    const page = await lab.newPage('?backend=wasm');
    await ready(page, 'wasm');
    const long = request('reloaded', { steps: 60, checkpointEvery: 10, progressIntervalMs: 0 });
    // Start the stage, wait in the page until its second checkpoint is stored, pause it there, then reload.
    const seen = await page.evaluate(async (r) => {
      const engine = window.lab.engine;
      void engine.trainModel(r).catch(() => undefined);
      for (;;) {
        const entry = (await engine.listModelCheckpoints()).find((checkpoint) => checkpoint.id === r.checkpointId);
        if (entry && entry.step >= 20) {
          await engine.pause();
          return { step: entry.step, state: entry.state, job: await engine.jobStatus() };
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }, long);
    expect(seen.state).toBe('running');
    expect(seen.job.state).toBe('paused');
    await page.reload();
    await ready(page, 'wasm');
    const stored = (await page.evaluate(() => window.lab.engine.listModelCheckpoints())).find((entry) => entry.id === 'reloaded')!;
    expect(stored.state).toBe('unfinished');
    expect(stored.step % 10).toBe(0);
    expect(stored.step).toBeGreaterThanOrEqual(20);
    expect(stored.step).toBeLessThan(60);
    const record = await page.evaluate(() => window.lab.engine.trainingRun('reloaded'));
    expect(record).toMatchObject({ status: 'running', datasetId }); // as written when the tab went away

    const resumed = await page.evaluate(() => window.lab.engine.resumeTraining('reloaded'));
    const uninterrupted = await page.evaluate((r) => window.lab.engine.trainModel(r), { ...long, checkpointId: 'uninterrupted' });
    expect(resumed.startStep).toBe(stored.step);
    expect(resumed.steps).toBe(60 - stored.step);
    const tail = uninterrupted.losses.slice(stored.step);
    const maxDifference = Math.max(...resumed.losses.map((loss, i) => Math.abs(loss - tail[i])));
    console.info(`resume after reload: stored step ${stored.step} of 60; final loss resumed ${resumed.finalLoss.toFixed(6)}, uninterrupted ${uninterrupted.finalLoss.toFixed(6)}; max per-step difference ${maxDifference.toExponential(2)}`);
    expect(Math.abs(resumed.finalLoss - uninterrupted.finalLoss)).toBeLessThan(1e-5);
    expect(maxDifference).toBeLessThan(1e-5);
    const after = await page.evaluate(() => window.lab.engine.trainingRun('reloaded'));
    expect(after?.status).toBe('done');
    expect(after?.history.at(-1)?.step).toBe(60);
    await page.close();
  });

  it('keeps the tensor count flat over 200 training steps and frees everything after', async () => {
    const page = await lab.newPage('?backend=wasm');
    await ready(page, 'wasm');
    const before = (await page.evaluate(() => window.lab.engine.memory())).numTensors;
    await page.evaluate((r) => window.lab.engine.trainModel(r), request('leak', { steps: 200, checkpointEvery: 50, progressIntervalMs: 0 }));
    const record = await page.evaluate(() => window.lab.engine.trainingRun('leak'));
    const counts = record!.history.map((point) => point.tensors);
    expect(counts).toHaveLength(200);
    expect(new Set(counts).size).toBe(1);
    expect((await page.evaluate(() => window.lab.engine.memory())).numTensors).toBe(before);
    console.info(`leak check: ${counts[0]} tensors after each of 200 steps, ${before} before and after the stage`);
    await page.close();
  });

  it('refuses a learning rate outside the sane range with InvalidOptionError, rebuilt as its own class on the page', async () => {
    const page = await lab.newPage('?backend=wasm');
    await ready(page, 'wasm');
    const failure = await page.evaluate(
      (r) => window.lab.engine.trainModel(r).then(
        () => null,
        (error: Error & { details?: Record<string, unknown> }) => ({ name: error.name, className: error.constructor.name, message: error.message, details: error.details }),
      ),
      request('diverging', { learningRate: 1e30, checkpointEvery: 1, steps: 6 }),
    );
    // A rate that large used to train until the loss became NaN; the stage runner's NaN guard and
    // its rollback are unit-tested (src/core/training/loop/stage-runner.test.ts).
    expect(failure).toMatchObject({ name: 'InvalidOptionError', className: 'InvalidOptionError' });
    expect(failure!.message).toBe('learningRate must be a number from 1e-8 to 1; got 1e+30.');
    expect(failure!.details).toMatchObject({ option: 'learningRate', min: 1e-8, max: 1 });
    await page.close();
  });
});

describe('Model and Pretrain screens', () => {
  const parameters = (page: Page, preset: string) => page.locator(`[data-testid="preset-row"][data-preset="${preset}"] [data-testid="preset-parameters"]`).textContent();
  const checkpointRow = (page: Page, id: string) => page.locator(`[data-testid="checkpoint-item"][data-id="${id}"]`);

  it('trains a tokenizer, pretrains with a live curve, exports, deletes and imports a checkpoint that scores the same', async () => {
    const page = await lab.newPage('?backend=wasm#stage=model&model.preset=nano&model.vocab=512&pretrain.steps=30&pretrain.batch=8&pretrain.lr=0.003&pretrain.checkpointEvery=10');
    await ready(page, 'wasm');
    await expect.poll(() => parameters(page, 'nano')).toBe('36,229'); // the preset's placeholder vocabulary of 256, with match signals
    await page.getByTestId('job-run').first().click();
    await page.locator('[data-testid="tokenizer-item"].chosen').waitFor({ timeout: 30_000 });
    const vocab = await page.evaluate(() => window.lab.engine.listModelTokenizers().then((list) => list.find((entry) => entry.id === localStorage.getItem('relevance-lab.tokenizer'))!.vocabSize));
    await expect.poll(() => parameters(page, 'nano')).toBe((36_229 + (vocab - 256) * 32).toLocaleString('en'));
    await expect.poll(() => page.getByTestId('step-model').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: `${SHOTS}/model-screen.png`, fullPage: true });

    await page.getByTestId('step-pretrain').click();
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Pretrain');
    expect(await page.getByTestId('setting-pretrain.steps').inputValue()).toBe('30');
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('training-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('loss-chart').isVisible()).toBe(true);
    expect(Number((await page.getByTestId('figure-speed').textContent())!.replace(/,/g, ''))).toBeGreaterThan(0);
    expect(await page.getByTestId('figure-step').textContent()).toBe('30');
    await expect.poll(() => page.getByTestId('step-pretrain').getAttribute('data-state')).toBe('done');
    const id = await page.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list.find((entry) => entry.stage === 'pretrain' && entry.name.startsWith('Pretrain from nano'))!.id));
    await expect.poll(() => checkpointRow(page, id).getAttribute('data-state')).toBe('finished');
    expect(await checkpointRow(page, id).getByTestId('checkpoint-size').textContent()).toMatch(/KiB|MiB/);
    await page.screenshot({ path: `${SHOTS}/pretrain-done.png`, fullPage: true });

    // A probe on top, so the checkpoint has a trained head whose scores mean something.
    await page.getByTestId('step-probe').click();
    await expect.poll(() => page.getByTestId('training-start').inputValue()).toBe(id);
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('training-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('result-val').textContent()).toMatch(/^\d\.\d{3} \/ \d\.\d{3}$/);
    const probeId = await page.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list.find((entry) => entry.stage === 'probe')!.id));
    const pairs = [{ query: 'life cover for a 30 year old', item: 'Term life plan' }, { query: 'dog insurance', item: ['Pet cover', 'dogs and cats'] }];
    const before = await page.evaluate(([checkpoint, p]) => window.lab.engine.scorePairs(checkpoint as string, p as never), [probeId, pairs] as const);

    const download = page.waitForEvent('download');
    await checkpointRow(page, probeId).getByTestId('checkpoint-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.safetensors$/);
    const path = await file.path();
    await checkpointRow(page, probeId).getByTestId('checkpoint-delete').click();
    await checkpointRow(page, probeId).getByTestId('checkpoint-delete-confirm').click();
    await expect.poll(() => checkpointRow(page, probeId).count()).toBe(0);
    await page.getByTestId('checkpoint-import').setInputFiles(path);
    await expect.poll(() => page.getByTestId('checkpoint-message').textContent()).toContain(`(${probeId})`);
    await expect.poll(() => checkpointRow(page, probeId).getAttribute('data-state')).toBe('finished');
    const after = await page.evaluate(([checkpoint, p]) => window.lab.engine.scorePairs(checkpoint as string, p as never), [probeId, pairs] as const);
    expect(after).toEqual(before);
    await page.close();
  });

  it('offers to resume a pretraining run that a reload interrupted, and finishes it', async () => {
    const page = await lab.newPage('?backend=wasm#stage=pretrain&model.preset=nano&pretrain.steps=60&pretrain.batch=8&pretrain.checkpointEvery=10');
    await ready(page, 'wasm');
    await page.getByTestId('job-run').first().click();
    await expect.poll(async () => Number(await page.getByTestId('figure-step').textContent().catch(() => '0')), { timeout: 30_000 }).toBeGreaterThanOrEqual(12);
    await page.getByTestId('job-pause').first().click();
    await expect.poll(() => page.getByTestId('step-pretrain').getAttribute('data-state')).toBe('paused');
    await page.reload();
    await ready(page, 'wasm');
    await page.getByTestId('resume-banner').waitFor();
    const stored = await page.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list.find((entry) => entry.state === 'unfinished' && entry.stage === 'pretrain')!));
    expect(stored.step % 10).toBe(0);
    expect(await page.getByTestId('resume-banner').textContent()).toContain(`stopped at step ${stored.step} of 60`);
    await expect.poll(() => page.getByTestId('step-pretrain-status').textContent()).toContain(`Stopped at step ${stored.step} of 60`);
    // The stored part of the curve is back before resuming (its points are at most one per 500 ms).
    await expect.poll(async () => Number(await page.getByTestId('figure-step').textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('figure-step').textContent())).toBeLessThanOrEqual(stored.step);
    await page.getByTestId('resume-run').click();
    await page.getByTestId('training-results').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('training-results').textContent()).toContain(`${stored.step} → 60`);
    expect(await page.getByTestId('figure-step').textContent()).toBe('60');
    await expect.poll(() => page.getByTestId('step-pretrain').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: `${SHOTS}/pretrain-resumed.png`, fullPage: true });
    await page.close();
  });

  it('logged no errors and requested nothing from other origins', () => {
    expect(lab.errors).toEqual([]);
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
