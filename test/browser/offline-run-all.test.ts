// "Run all with defaults" offline: a fresh profile loads the lab once (the service worker caches the
// build, the shipped models and the reference run), the network is cut, the page reloads, and Run all
// with every pipeline setting at its default (the small preset's demo budget from the shipped model;
// only the generated dataset is made small, which is a Data setting, not a pipeline one) completes and
// ends on Evaluate with darl and ce-ft side by side and the reference run beside them. Screenshots go
// to test-artifacts/offline-run-all/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/offline-run-all';
const DATA = 'data.seed=5&data.train=96&data.val=32&data.test_id=32&data.test_ood=32&data.pool=64';
const WAIT = { timeout: 240_000 };

let lab: LabBrowser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
}

const rowNames = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] tbody tr[data-baseline="false"]`).evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-variant')}${row.getAttribute('data-own') === 'true' ? '*' : ''}`));

describe('Run all with defaults, offline', () => {
  it('completes from the cache alone and shows darl and ce-ft beside the reference run', async () => {
    const page = await lab.newPage(`?backend=wasm#${DATA}`);
    await ready(page);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), WAIT).toBe('activated');

    const origin = new URL(lab.baseURL).origin;
    const before = lab.requests.length;
    await lab.context.setOffline(true);
    try {
      await page.reload();
      await ready(page);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);

      const run = page.getByTestId('run-all-run');
      expect(await run.textContent()).toContain('Run all with defaults');
      await run.click();
      await expect.poll(() => page.getByTestId('stage-title').textContent(), WAIT).toBe('Evaluate');
      await expect.poll(async () => (await rowNames(page, 'variants-table')).slice(0, 2), WAIT).toEqual(['ce-ft', 'darl*']);
      expect(await page.locator('lab-evaluate-screen').getByTestId('run-verdict').textContent()).toMatch(/^On OOD test, darl /);
      // The reference run sits beside the page's own, from the cache.
      await expect.poll(() => page.getByTestId('reference-title').textContent(), WAIT).toMatch(/^Reference: \w+ budget, \d+ seeds?$/);
      expect((await rowNames(page, 'reference-table')).length).toBeGreaterThanOrEqual(2);
      // The run started from the shipped model, read from the cache: nothing was pretrained here.
      const source = await page.evaluate(async () => {
        const engine = window.lab.engine as { pipelineDefaults(preset: string, options: { budget: string }): Promise<{ pretrain: { source: string } }> };
        return (await engine.pipelineDefaults('small', { budget: 'demo' })).pretrain.source;
      });
      expect(source).toBe('shipped');
      await page.screenshot({ path: `${SHOTS}/evaluate-offline.png`, fullPage: true });
    } finally {
      await lab.context.setOffline(false);
    }
    // Offline, every request the browser made went to the service worker's cache of this origin.
    expect(lab.requests.slice(before).filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    expect(lab.errors).toEqual([]);
    await page.close();
  }, 400_000);
});
