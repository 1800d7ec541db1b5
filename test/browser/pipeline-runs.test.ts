// A DaRL pipeline run as one unit on the Runs screen, in Chromium with the nano preset on tiny data:
// Run all (the Fine-tune screen's checkpoint list shows the pipeline's checkpoints; ce-ft's run, made to
// compare with, is deleted first), then the Runs screen lists the run once with its stages inside it, exports it as one file,
// deletes it whole (its stage records go, storage use drops), imports the file back, and the Evaluate
// screen shows the same results again. Screenshots go to test-artifacts/pipeline-runs/.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/pipeline-runs';
const SETTINGS = 'model.preset=nano&data.seed=7&data.train=64&data.val=24&data.test_id=24&data.test_ood=24&data.pool=48&pretrain.steps=8';
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;
const started = performance.now();

interface Stored {
  runs: string[];
  checkpoints: string[];
  bytes: number;
}

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
}

async function open(page: Page, stage: string, title: string): Promise<void> {
  await page.getByTestId(`step-${stage}`).click();
  await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe(title);
}

function stored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const store = window.lab.storage as {
      listRuns(): Promise<{ id: string }[]>;
      listCheckpoints(): Promise<{ id: string }[]>;
      usage(): Promise<{ totalBytes: number }>;
    };
    return {
      runs: (await store.listRuns()).map((run) => run.id).sort(),
      checkpoints: (await store.listCheckpoints()).map((entry) => entry.id).sort(),
      bytes: (await store.usage()).totalBytes,
    };
  });
}

const evaluateState = (page: Page) => page.locator('lab-evaluate-screen [data-testid="pipeline-stage-status"]').first();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
  console.info(`pipeline-runs: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

/** Waits until the variants table shows what is stored for the page's settings (and the overlap baseline's row, read with it). */
async function variantsRead(page: Page): Promise<void> {
  await expect.poll(() => page.locator('lab-evaluate-variants section[data-fresh]').getAttribute('data-fresh'), WAIT).toBe('true');
  await expect.poll(() => page.locator('[data-testid="variants-table"] tbody tr[data-baseline="true"]').count(), WAIT).toBe(1);
}

describe('a pipeline run on the Runs screen', () => {
  it('is one entry with its stages; it exports, deletes and imports whole, and Evaluate shows the same results again', async () => {
    const page = await lab.newPage(`?backend=wasm#stage=finetune&${SETTINGS}`);
    await ready(page);
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Fine-tune (FT)');

    // Run all from the Fine-tune screen ends on Evaluate; back on Fine-tune, its checkpoint list shows
    // the pipeline's fine-tuned checkpoints: the page's run's and ce-ft's, which Run all ran to compare.
    await page.getByTestId('run-all-run').click();
    await expect.poll(() => page.getByTestId('run-all-done').count(), WAIT).toBe(1);
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Evaluate');
    await open(page, 'finetune', 'Fine-tune (FT)');
    await expect.poll(() => page.locator('[data-testid="checkpoint-item"][data-id^="stage/finetune-"]').count(), { timeout: 10_000 }).toBe(2);
    const datasetId = await page.evaluate(() => localStorage.getItem('relevance-lab.dataset')!);
    const runId = `pipeline/${datasetId}`;

    // This test follows the page's own run alone: ce-ft's run goes first (its shared stages stay with the page's run).
    await open(page, 'runs', 'Runs and storage');
    const comparison = page.locator(`[data-testid="run-item"][data-id="${runId}/ce-ft"]`);
    await expect.poll(() => comparison.count(), WAIT).toBe(1);
    await comparison.getByTestId('run-delete').click();
    await comparison.getByTestId('run-delete-confirm').click();
    await expect.poll(() => comparison.count()).toBe(0);

    await open(page, 'evaluate', 'Evaluate');
    await expect.poll(async () => `${await evaluateState(page).getAttribute('data-state')}/${await evaluateState(page).getAttribute('data-current')}`, WAIT).toBe('done/true');
    const gap = await page.getByTestId('evaluate-gap').textContent();
    await variantsRead(page);
    const variants = await page.locator('[data-testid="variants-table"] tbody').textContent();
    expect(gap).toMatch(/ID-OOD gap in macro-F1: -?\d\.\d{3}/);

    // One entry for the pipeline run, its stages inside it; the stage records are not listed on their own.
    await open(page, 'runs', 'Runs and storage');
    const row = page.locator(`[data-testid="run-item"][data-id="${runId}"]`);
    await expect.poll(() => row.count(), WAIT).toBe(1);
    const full = await stored(page);
    const members = full.runs.filter((id) => id.startsWith('stage/') || id.startsWith('view/'));
    expect(members.length).toBe(8); // seven stages and the DASA picture
    expect(await row.getByTestId('run-stage').count()).toBe(8);
    expect(await row.locator('[data-testid="run-stage"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')))).toEqual([
      'pretrain', 'probe', 'dasa', '', 'annotate', 'finetune', 'interpolate', 'evaluate',
    ]);
    expect(await row.locator('[data-testid="run-stage"][data-stage="finetune"]').textContent()).toMatch(/finetune · .+ · \d+\.\d s · checkpoint [\d.]+ (KiB|MiB)/);
    expect(await row.getByTestId('run-status').textContent()).toBe('done');
    expect(await page.locator('[data-testid="run-item"][data-id^="stage/"]').count()).toBe(0);
    const checkpoints = full.checkpoints.filter((id) => id.startsWith('stage/'));
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SHOTS}/1-runs-grouped.png`, fullPage: true });

    const download = page.waitForEvent('download');
    await row.getByTestId('run-export').click();
    const file = await download;
    const fileName = `pipeline-${datasetId}.labrun`;
    expect(file.suggestedFilename()).toBe(fileName);
    const bytes = readFileSync((await file.path())!);
    await expect.poll(() => page.getByTestId('runs-message').textContent()).toContain(`Exported run "${runId}" with 8 stage records, ${checkpoints.length} checkpoints`);

    await row.getByTestId('run-delete').click();
    expect(await row.textContent()).toContain(`Deletes the run record and 8 stage records and ${checkpoints.length} checkpoints`);
    await row.getByTestId('run-delete-confirm').click();
    await expect.poll(() => row.count()).toBe(0);
    const emptied = await stored(page);
    expect(emptied.runs.filter((id) => id.startsWith('stage/') || id.startsWith('view/') || id.startsWith('pipeline/'))).toEqual([]);
    expect(emptied.checkpoints.filter((id) => id.startsWith('stage/'))).toEqual([]);
    expect(emptied.bytes).toBeLessThan(full.bytes - 100_000);
    await open(page, 'evaluate', 'Evaluate');
    await expect.poll(() => evaluateState(page).getAttribute('data-state'), WAIT).not.toBe('done');

    await open(page, 'runs', 'Runs and storage');
    await page.getByTestId('run-import').setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
    await expect.poll(() => page.getByTestId('runs-message').textContent(), WAIT).toContain(`Imported run "${runId}" from ${fileName} with 8 stage records, ${checkpoints.length} checkpoints`);
    expect(await page.getByTestId('runs-message').textContent()).toContain('Its results show on the DASA, Interpolate and Evaluate screens');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('run-stage').count()).toBe(8);
    const back = await stored(page);
    expect({ runs: back.runs, checkpoints: back.checkpoints }).toEqual({ runs: full.runs, checkpoints: full.checkpoints });
    await page.screenshot({ path: `${SHOTS}/2-runs-imported.png`, fullPage: true });

    await open(page, 'evaluate', 'Evaluate');
    await expect.poll(async () => `${await evaluateState(page).getAttribute('data-state')}/${await evaluateState(page).getAttribute('data-current')}`, WAIT).toBe('done/true');
    expect(await page.getByTestId('evaluate-gap').textContent()).toBe(gap);
    await variantsRead(page);
    expect(await page.locator('[data-testid="variants-table"] tbody').textContent()).toBe(variants);
    await page.screenshot({ path: `${SHOTS}/3-evaluate-after-import.png`, fullPage: true });

    // Importing it again is refused whole, naming the run.
    await open(page, 'runs', 'Runs and storage');
    await page.getByTestId('run-import').setInputFiles({ name: 'again.labrun', mimeType: 'application/octet-stream', buffer: bytes });
    await expect.poll(() => page.getByTestId('runs-error').textContent()).toMatch(new RegExp(`^RunImportConflictError: again\\.labrun: run "${runId}" is already stored`));
    expect(lab.errors).toEqual([]);
    await page.close();
  });
});
