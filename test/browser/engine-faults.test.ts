// Faults of the engine worker in Chromium: a worker that dies mid-job (killed without a word, or by an
// uncaught error) fails the job with EngineCrashedError, in the job's own controls too, and the next
// action works on a restarted worker; a lost WebGPU device fails the job with GpuDeviceLostError and
// the engine moves to wasm without a reload.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

/** The engine worker Playwright sees (training helpers and wasm threads are other workers). */
function engineWorkers(page: Page): Worker[] {
  return page.workers().filter((worker) => worker.url().includes('engine.worker'));
}

async function engineReady(page: Page, backend = 'wasm'): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').first().textContent(), { timeout: 60_000 }).toBe(backend);
}

async function typeSetting(page: Page, key: string, value: string): Promise<void> {
  await page.getByTestId(`setting-${key}`).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Tab');
}

/** Starts a long fitDemo from the console handle and waits until it runs; its outcome lands in window.__job. */
async function startLongJob(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { outcome: null as null | { name: string; message: string } };
    (window as unknown as { __job: typeof state }).__job = state;
    void window.lab.engine.fitDemo({ steps: 100_000 }).then(
      () => (state.outcome = { name: 'done', message: '' }),
      (error: Error) => (state.outcome = { name: error.name, message: error.message }),
    );
  });
  await expect.poll(() => page.evaluate(() => window.lab.engine.jobStatus()), { timeout: 60_000 }).toEqual({ state: 'running', job: 'fit demo' });
}

const jobOutcome = (page: Page) => page.evaluate(() => (window as unknown as { __job: { outcome: { name: string; message: string } | null } }).__job.outcome);

describe('engine faults', () => {
  it('a worker killed mid-job fails the job shown on the page with EngineCrashedError, and the next run works', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    expect(engineWorkers(page)).toHaveLength(1);
    await typeSetting(page, 'data.train', '100000'); // a generation large enough to be caught mid-way
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('job-progress').first().waitFor({ timeout: 60_000 });

    // Killed without a word (as an out-of-memory kill would): no error event reaches the page.
    await engineWorkers(page)[0].evaluate(() => self.close());
    await expect.poll(() => page.getByTestId('job-error').first().textContent(), { timeout: 30_000 }).toMatch(/^EngineCrashedError: The engine worker stopped: it ended without a word/);
    expect(await page.getByTestId('job-progress').count()).toBe(0);
    await expect.poll(() => page.getByTestId('engine-restarted').textContent()).toMatch(/It was restarted/);

    // The restarted engine takes the next run.
    await engineReady(page);
    expect(await page.evaluate(() => window.lab.ready.then((info) => info.backend))).toBe('wasm');
    await typeSetting(page, 'data.train', '30');
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('explore').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('job-error').count()).toBe(0);
    await page.close();
  });

  it('an uncaught error in the worker fails the pending call with EngineCrashedError and restarts the engine', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    await startLongJob(page);
    await engineWorkers(page)[0].evaluate(() => void setTimeout(() => {
      throw new Error('boom in the engine');
    }));
    await expect.poll(() => jobOutcome(page), { timeout: 30_000 }).toMatchObject({ name: 'EngineCrashedError', message: expect.stringMatching(/^The engine worker stopped: Uncaught Error: boom in the engine/) });
    const check = await page.evaluate(() => window.lab.engine.matMulCheck(8));
    expect(check.backend).toBe('wasm');
    await page.close();
  });

  it('a lost WebGPU device fails the job with GpuDeviceLostError and the engine moves to wasm', async () => {
    const page = await lab.newPage('?backend=webgpu');
    await engineReady(page, 'webgpu');
    await startLongJob(page);
    await page.evaluate(() => window.lab.engine.loseGpuDevice());
    await expect.poll(() => jobOutcome(page), { timeout: 30_000 }).toMatchObject({ name: 'GpuDeviceLostError', message: expect.stringMatching(/^The GPU device was lost \(.+\), so the job on it stopped/) });

    await expect.poll(() => page.evaluate(() => window.lab.engine.backendInfo().then((info) => info.backend)), { timeout: 60_000 }).toBe('wasm');
    const info = await page.evaluate(() => window.lab.engine.backendInfo());
    expect(info.reason).toMatch(/^The GPU device was lost \(.+\); the lab moved to wasm\./);
    await engineReady(page, 'wasm');
    const check = await page.evaluate(() => window.lab.engine.matMulCheck(8));
    expect(check.backend).toBe('wasm');
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    // The same worker carried on: no restart was needed.
    expect(engineWorkers(page)).toHaveLength(1);
    await page.close();
  });
});
