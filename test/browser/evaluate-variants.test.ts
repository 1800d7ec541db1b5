// Every variant side by side on the Evaluate screen, in Chromium with the nano preset on tiny data:
// Run all (the page's own run, darl, then ce-ft to compare with), then "Run the other variants" runs
// the missing ones one after another in the engine; the test cancels it once the second variant has
// started, so darl-no-occ is stored and the rest is not. The table then shows ce-ft, darl (marked as
// the page's run) and darl-no-occ with numbers equal to the engine's lookup, and the page's own pipeline run record is unchanged. Running again
// computes the other four: six rows. ce-ft's run is one pipeline entry on the Runs screen. The overlap
// baseline's row (computed in the engine) stands below the variants throughout, with the engine's
// numbers, and a sentence names each variant it beats. Screenshots go to test-artifacts/evaluate-variants/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/evaluate-variants';
const SETTINGS = 'model.preset=nano&data.seed=7&data.train=64&data.val=24&data.test_id=24&data.test_ood=24&data.pool=48&pretrain.steps=8';
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;
const started = performance.now();

interface Lookup {
  variant: string;
  result: { stage: { key: string }; test_id: { macro_f1: number }; test_ood: { macro_f1: number } } | null;
}

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
}

async function open(page: Page, stage: string, title: string): Promise<void> {
  await page.getByTestId(`step-${stage}`).click();
  await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe(title);
}

function loadRun<T>(page: Page, id: string): Promise<T> {
  return page.evaluate((runId) => (window.lab.storage as { loadRun(id: string): Promise<unknown> }).loadRun(runId), id) as Promise<T>;
}

/** The variants table's rows as `variant` (with `*` for the page's own run); the baseline's row left out. */
const rowNames = (page: Page) =>
  page.locator('[data-testid="variants-table"] tbody tr[data-baseline="false"]').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-variant')}${row.getAttribute('data-own') === 'true' ? '*' : ''}`));

/** The first two numeric cells of a variant's row: ID and OOD macro-F1. */
const macroF1Cells = (page: Page, variant: string) =>
  page.locator(`[data-testid="variants-table"] tbody tr[data-variant="${variant}"] td`).evaluateAll((cells) => cells.slice(1, 3).map((cell) => cell.textContent!.replace('★', '').trim()));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
  console.info(`evaluate-variants: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

describe('the variants on the Evaluate screen', () => {
  it("runs the missing variants from the button, shows them beside the page's run, and leaves the page's run record alone", async () => {
    const page = await lab.newPage(`?backend=wasm#stage=evaluate&${SETTINGS}`);
    await ready(page);
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Evaluate');

    await page.getByTestId('run-all-run').click();
    await expect.poll(() => page.getByTestId('run-all-done').count(), WAIT).toBe(1);
    const datasetId = await page.evaluate(() => localStorage.getItem('relevance-lab.dataset')!);
    const pageRunId = `pipeline/${datasetId}`;
    const pageRun = await loadRun<{ status: string; stages: unknown[] }>(page, pageRunId);
    expect(pageRun.status).toBe('done');

    // darl-no-wi is darl's fine-tuned model evaluated as it is: when the sweep chose alpha = 1, that
    // evaluation is one darl already stored, and the variant is there without running anything.
    const [wiLookup] = await page.evaluate(async (id) => {
      const engine = window.lab.engine as { pipelineVariantResults(request: unknown, variants: string[]): Promise<unknown> };
      return engine.pipelineVariantResults({ datasetId: id, preset: 'nano', seed: 1, settings: { pretrain: { length: { steps: 8 } } } }, ['darl-no-wi']);
    }, datasetId) as Lookup[];
    const wiShared = wiLookup.result !== null;
    const wiRows = wiShared ? ['darl-no-wi'] : [];
    const wiMissing = wiShared ? '' : ', darl-no-wi';

    // The page's own run is darl: its row is marked, beside ce-ft's; the others are offered.
    await expect.poll(() => page.getByTestId('variants-missing').textContent(), WAIT).toBe(`Not run with these settings yet: darl-no-occ, darl-no-dasa, darl-no-lp${wiMissing}.`);
    expect(await rowNames(page)).toEqual(['ce-ft', 'darl*', ...wiRows]);
    expect(await page.getByTestId('variant-own').textContent()).toBe("this page's run");

    // The overlap baseline's row, computed in the engine, is below the variants with the engine's numbers.
    const baselineRow = page.locator('[data-testid="variants-table"] tbody tr[data-baseline="true"]');
    await expect.poll(() => baselineRow.getAttribute('data-variant'), WAIT).toBe('overlap baseline');
    expect(await page.locator('[data-testid="variants-table"] tbody tr').last().getAttribute('data-baseline')).toBe('true');
    const baselines = (await page.evaluate((id) => (window.lab.engine as { pipelineBaselines(id: string): Promise<unknown> }).pipelineBaselines(id), datasetId)) as {
      baselines: { overlap: { test_id: { macro_f1: number }; test_ood: { macro_f1: number } } };
    };
    const { overlap } = baselines.baselines;
    expect(await macroF1Cells(page, 'overlap baseline')).toEqual([overlap.test_id.macro_f1.toFixed(3), overlap.test_ood.macro_f1.toFixed(3)]);
    const sentence = /^The overlap baseline (beats|ties with) (ce-ft|darl|darl-no-wi) on (ID|OOD) macro-F1 \(\d\.\d{3} vs \d\.\d{3}\)( and (beats|ties with) it on OOD macro-F1 \(\d\.\d{3} vs \d\.\d{3}\))?\.$/;
    const verdicts = await page.locator('[data-testid="baseline-verdicts"] li').allTextContents();
    if (verdicts.length > 0) expect(verdicts.every((text) => sentence.test(text))).toBe(true);
    else expect(await page.getByTestId('baseline-cleared').count()).toBe(1);
    const run = page.getByTestId('variants-run');
    expect(await run.textContent()).toBe('Run the other variants');
    expect(await run.isEnabled()).toBe(true);

    // Run them; once the second one (darl-no-dasa) has started, cancel: darl-no-occ is stored, the rest stops.
    await run.click();
    await page.locator('[data-testid="variants-step"][data-variant="darl-no-occ"]').waitFor(WAIT);
    expect(await page.getByTestId('variants-step').textContent()).toBe(`Variant 1 of ${wiShared ? 3 : 4}: darl-no-occ`);
    expect(await page.getByTestId('variants-progress').count()).toBe(1);
    expect(await page.getByTestId('run-all-run').isDisabled()).toBe(true); // one pipeline job at a time
    await page.locator('[data-testid="variants-step"][data-variant="darl-no-dasa"]').waitFor(WAIT);
    await page.getByTestId('variants-cancel').click();
    await page.screenshot({ path: `${SHOTS}/1-cancelling.png`, fullPage: true });
    await expect.poll(() => page.getByTestId('variants-step').count(), WAIT).toBe(0);

    // Side by side: ce-ft, the page's darl and darl-no-occ, each with its numbers, as the engine stored them.
    await expect.poll(() => rowNames(page), WAIT).toEqual(['ce-ft', 'darl*', 'darl-no-occ', ...wiRows]);
    expect(await page.getByTestId('variants-missing').textContent()).toBe(`Not run with these settings yet: darl-no-dasa, darl-no-lp${wiMissing}.`);
    const lookups = await page.evaluate(async (id) => {
      const engine = window.lab.engine as { pipelineVariantResults(request: unknown, variants: string[]): Promise<unknown> };
      return engine.pipelineVariantResults({ datasetId: id, preset: 'nano', seed: 1, settings: { pretrain: { length: { steps: 8 } } } }, ['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa']);
    }, datasetId) as Lookup[];
    expect(lookups.map((entry) => entry.result !== null)).toEqual([true, true, true, false]);
    for (const entry of lookups.slice(0, 3)) {
      const cells = await macroF1Cells(page, entry.variant);
      expect(cells).toEqual([entry.result!.test_id.macro_f1.toFixed(3), entry.result!.test_ood.macro_f1.toFixed(3)]);
      expect(cells.every((cell) => /^\d\.\d{3}$/.test(cell))).toBe(true);
    }
    expect(lookups[0].result!.stage.key).not.toBe(lookups[1].result!.stage.key);
    await page.screenshot({ path: `${SHOTS}/2-side-by-side.png`, fullPage: true });

    // The page's own pipeline run is as Run all left it; each variant keeps a run of its own.
    expect(await loadRun(page, pageRunId)).toEqual(pageRun);
    expect(await loadRun(page, `${pageRunId}/ce-ft`)).toMatchObject({ kind: 'pipeline-run', status: 'done', request: { variant: 'ce-ft' } });
    expect(await loadRun(page, `${pageRunId}/darl-no-dasa`)).toMatchObject({ status: 'cancelled', error: { name: 'CancelledError' } });

    // Running again computes the ones left (darl-no-dasa resumes from what its cancelled job stored): all six side by side.
    await run.click();
    await expect.poll(() => rowNames(page), WAIT).toEqual(['ce-ft', 'darl*', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi']);
    expect(await page.getByTestId('variants-missing').count()).toBe(0);
    expect(await run.isDisabled()).toBe(true);
    const rows = await page.locator('[data-testid="variants-table"] tbody tr').evaluateAll((items) => items.map((item) => item.querySelectorAll('td').length));
    expect(rows).toEqual(Array(7).fill(10)); // six variants and the baseline: seeds + nine metric columns
    expect(await baselineRow.count()).toBe(1);
    expect(await loadRun(page, `${pageRunId}/darl-no-dasa`)).toMatchObject({ status: 'done' });
    expect(await loadRun(page, pageRunId)).toEqual(pageRun);
    await page.screenshot({ path: `${SHOTS}/3-all-variants.png`, fullPage: true });

    // On the Runs screen ce-ft's run is one pipeline entry with its three stages, and exports whole.
    await open(page, 'runs', 'Runs and storage');
    const row = page.locator(`[data-testid="run-item"][data-id="${pageRunId}/ce-ft"]`);
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.locator('[data-testid="run-stage"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')))).toEqual(['pretrain', 'finetune', 'evaluate']);
    expect(await row.getByTestId('run-status').textContent()).toBe('done');
    const download = page.waitForEvent('download');
    await row.getByTestId('run-export').click();
    expect((await download).suggestedFilename()).toMatch(/ce-ft\.labrun$/);
    await expect.poll(() => page.getByTestId('runs-message').textContent()).toContain(`Exported run "${pageRunId}/ce-ft" with 3 stage records`);
    expect(await page.locator(`[data-testid="run-item"][data-id="${pageRunId}"]`).count()).toBe(1);

    expect(lab.errors).toEqual([]);
    await page.close();
  });
});
