// Run all from the start, in Chromium with the nano preset on tiny data and no dataset chosen: before
// it starts the page says how long it expects here (after timing a training step), while it runs one
// bar covers the whole pipeline with the time left and the dataset it generated is listed on the Data
// screen, and when it ends Evaluate opens with darl and ce-ft side by side and one sentence on what the
// run showed. Screenshots go to test-artifacts/run-all-answer/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/run-all-answer';
const SETTINGS = 'model.preset=nano&data.seed=7&data.train=64&data.val=24&data.test_id=24&data.test_ood=24&data.pool=48&pretrain.steps=8';
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
}

const rowNames = (page: Page) =>
  page.locator('[data-testid="variants-table"] tbody tr[data-baseline="false"]').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-variant')}${row.getAttribute('data-own') === 'true' ? '*' : ''}`));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

describe('Run all', () => {
  it('says how long it expects, shows the whole pipeline with the time left, lists its dataset and ends on Evaluate with the answer', async () => {
    const page = await lab.newPage(`?backend=wasm#${SETTINGS}`);
    await ready(page);
    expect(await page.getByTestId('stage-title').textContent()).toBe('Data');
    const estimate = page.getByTestId('run-all-estimate');
    await expect.poll(() => estimate.getAttribute('data-state'), WAIT).toBe('unmeasured');

    // Reaching the card times a step; then the estimate stands before anything runs.
    await page.getByTestId('run-all').hover();
    await expect.poll(() => estimate.getAttribute('data-state'), WAIT).toBe('estimated');
    expect(await estimate.textContent()).toMatch(/Expected on this machine: about \d+( min \d+)? s \(an estimate from a timed training step here and each stage's steps\)\./);
    expect(Number(await estimate.getAttribute('data-seconds'))).toBeGreaterThan(0);
    const parts = await page.locator('lab-run-all-time li').allTextContents();
    expect(parts[0]).toMatch(/^Generate the dataset: \d+ s$/);
    expect(parts.some((part) => /^ce-ft: Fine-tune \(FT\): \d+/.test(part))).toBe(true);
    await page.screenshot({ path: `${SHOTS}/1-estimate.png`, fullPage: true });

    await page.getByTestId('run-all-run').click();
    const overall = page.getByTestId('run-all-overall');
    await overall.waitFor(WAIT);
    await expect.poll(() => page.getByTestId('run-all-overall-eta').textContent(), WAIT).toMatch(/^about \d+( min \d+)? s left$/);
    expect(await page.getByTestId('run-all-progress').count()).toBe(1); // the stage's own bar beside it
    // The dataset it generated is listed while the page stays on Data.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('relevance-lab.dataset')), WAIT).not.toBeNull();
    const datasetId = (await page.evaluate(() => localStorage.getItem('relevance-lab.dataset')))!;
    await expect.poll(() => page.locator(`[data-testid="dataset-item"][data-id="${datasetId}"]`).count(), WAIT).toBe(1);
    await page.screenshot({ path: `${SHOTS}/2-running.png`, fullPage: true });

    // It ends on Evaluate: darl (the page's run) and ce-ft side by side, and what the run showed.
    await expect.poll(() => page.getByTestId('stage-title').textContent(), WAIT).toBe('Evaluate');
    expect(await page.getByTestId('run-all-done').count()).toBe(1);
    // (darl-no-wi shows too when the sweep chose alpha = 1: it is then darl's own evaluation.)
    await expect.poll(async () => (await rowNames(page)).slice(0, 2), WAIT).toEqual(['ce-ft', 'darl*']);
    const verdict = page.locator('lab-evaluate-screen').getByTestId('run-verdict');
    await expect.poll(() => verdict.count(), WAIT).toBe(1);
    const number = '\\d\\.\\d{3}';
    const difference = '[+−±]\\d\\.\\d{3}';
    expect(await verdict.textContent()).toMatch(new RegExp(
      `^On OOD test, darl (reached macro-F1 ${number} against ce-ft's ${number} \\(${difference}\\)|did not beat ce-ft: macro-F1 ${number} against ce-ft's ${number} \\(${difference}\\)|and ce-ft reached the same macro-F1 \\(${number}\\)); on ID test, ${number} against ${number} \\(${difference}\\); one seed \\(1\\), so a small difference may be chance\\.$`,
    ));
    const lookups = (await page.evaluate(async (id) => {
      const engine = window.lab.engine as { pipelineVariantResults(request: unknown, variants: string[]): Promise<unknown> };
      return engine.pipelineVariantResults({ datasetId: id, preset: 'nano', seed: 1, settings: { pretrain: { length: { steps: 8 } } } }, ['darl', 'ce-ft']);
    }, datasetId)) as { result: { test_ood: { macro_f1: number } } }[];
    expect(await verdict.textContent()).toContain(lookups[0].result.test_ood.macro_f1.toFixed(3));
    expect(await verdict.textContent()).toContain(lookups[1].result.test_ood.macro_f1.toFixed(3));
    await page.screenshot({ path: `${SHOTS}/3-evaluate.png`, fullPage: true });

    // Everything is stored now: a second Run all only reads it back, and the stage times were kept.
    await expect.poll(() => estimate.getAttribute('data-state'), WAIT).toBe('stored');
    const times = await page.evaluate(() => JSON.parse(localStorage.getItem('relevance-lab.step-times') ?? '{}') as Record<string, { stages: Record<string, number> }>);
    const [machine] = Object.values(times);
    expect(Object.keys(machine.stages)).toEqual(expect.arrayContaining(['finetune', 'evaluate']));

    await page.getByTestId('step-data').click();
    await expect.poll(() => page.locator(`[data-testid="dataset-item"][data-id="${datasetId}"]`).count()).toBe(1);
    expect(lab.errors).toEqual([]);
    await page.close();
  });
});
