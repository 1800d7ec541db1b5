// The whole DaRL pipeline through the page, in Chromium, with the nano preset on a tiny generated
// dataset: generate -> pretrain -> probe -> DASA (oracle) -> fine-tune -> interpolate -> evaluate, each
// from its own screen; a reload shows the run and its results again. Then a person grades the DASA
// selection from the keyboard and fine-tuning learns from those grades, and Run all does everything in
// one go on a fresh profile. Screenshots of every screen go to test-artifacts/full-flow/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/full-flow';
const SETTINGS = 'model.preset=nano&data.seed=5&data.train=96&data.val=32&data.test_id=30&data.test_ood=30&data.pool=80&pretrain.steps=12';
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;
const started = performance.now();

/** Run records and stage records as the page's store holds them. */
interface StoredRun {
  status: string;
  stages: { stage: string; key: string; name: string }[];
  request: { settings: { annotate?: { annotator?: { kind: string; grades?: Record<string, number> } } } };
}
interface StageRecord<R> {
  value: { key: string; inputKeys: string[]; record: R };
}

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
}

async function open(page: Page, stage: string, title: string): Promise<void> {
  await page.getByTestId(`step-${stage}`).click();
  await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe(title);
}

/** Waits for the pipeline stage status of the screen (the first one on it) to say done, for the current settings. */
async function stageDone(page: Page, host: string): Promise<void> {
  const status = page.locator(`${host} [data-testid="pipeline-stage-status"]`).first();
  await expect
    .poll(async () => {
      const state = `${await status.getAttribute('data-state')}/${await status.getAttribute('data-current')}`;
      // A failed stage ends the wait at once, with the page's own account of the error.
      if (state.startsWith('failed/')) throw new Error(`The stage failed in the page: ${(await page.locator(host).textContent())?.replace(/\s+/g, ' ').trim()}`);
      return state;
    }, WAIT)
    .toBe('done/true');
}

async function runPipelineStage(page: Page, host: string): Promise<void> {
  await page.locator(`${host} [data-testid="pipeline-job-run"]`).click();
  await stageDone(page, host);
}

function loadRun<T>(page: Page, id: string): Promise<T> {
  return page.evaluate((runId) => (window.lab.storage as { loadRun(id: string): Promise<unknown> }).loadRun(runId), id) as Promise<T>;
}

const datasetIdOf = (page: Page) => page.evaluate(() => localStorage.getItem('relevance-lab.dataset')!);

function checkOffline(browser: LabBrowser): void {
  const origin = new URL(browser.baseURL).origin;
  expect(browser.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  expect(browser.errors).toEqual([]);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
  console.info(`full-flow: ${((performance.now() - started) / 1000).toFixed(1)} s`);
});

let oracleRun: StoredRun;

describe('the DaRL pipeline in the page', () => {
  it('generates, then runs each stage from its screen, and shows the run again after a reload', async () => {
    const page = await lab.newPage(`?backend=wasm#${SETTINGS}`);
    await ready(page);
    expect(await page.getByTestId('run-all-run').textContent()).toContain('Run all (1 changed setting)');

    await page.getByRole('button', { name: 'Generate dataset' }).click();
    await expect.poll(() => page.getByTestId('dataset-item').count(), WAIT).toBe(1);
    await page.screenshot({ path: `${SHOTS}/1-data.png`, fullPage: true });

    await open(page, 'pretrain', 'Pretrain');
    expect(await page.locator('lab-pipeline-card [data-testid="pipeline-stage-status"]').textContent()).toContain('Not run with these settings');
    await runPipelineStage(page, 'lab-pipeline-card');
    expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-effective').textContent()).toContain('the shipped nano model and its tokenizer');
    await expect.poll(() => page.getByTestId('step-pretrain').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: `${SHOTS}/2-pretrain.png`, fullPage: true });

    await open(page, 'probe', 'Probe (LP)');
    await runPipelineStage(page, 'lab-pipeline-card');
    expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-stage-status').textContent()).toMatch(/Done for these settings: \d+ steps on 96 examples/);
    await page.screenshot({ path: `${SHOTS}/3-probe.png`, fullPage: true });

    await open(page, 'dasa', 'DASA');
    expect(await page.getByTestId('pipeline-job-run').textContent()).toBe('Run DASA and grade with the oracle');
    await page.getByTestId('pipeline-job-run').click();
    await expect.poll(() => page.getByTestId('annotation-stored').count(), WAIT).toBe(1);
    await stageDone(page, 'lab-dasa-screen');
    expect(await page.getByTestId('histogram-chart').count()).toBe(1);
    expect(await page.getByTestId('scatter-summary').textContent()).toMatch(/^96 ID train points, 80 pool points, \d+ selected/);
    const selectedRows = await page.locator('[data-testid="selected-table"] tbody tr').count();
    expect(selectedRows).toBeGreaterThan(1);
    expect(await page.getByTestId('annotation-progress').textContent()).toBe(`${selectedRows} of ${selectedRows} graded: done`);
    expect(await page.getByTestId('annotation-stored').textContent()).toMatch(/the oracle\): \d+ samples go to fine-tuning, \d+ are held out/);
    // Revealing one grade asks the engine for that sample's gold grade.
    await page.getByTestId('annotation-reveal').click();
    await expect.poll(() => page.getByTestId('annotation-oracle').textContent()).toMatch(/^Oracle grade: [012] /);
    await page.screenshot({ path: `${SHOTS}/4-dasa.png`, fullPage: true });

    await open(page, 'finetune', 'Fine-tune (FT)');
    await runPipelineStage(page, 'lab-pipeline-card');
    const finetuneData = await page.locator('lab-pipeline-card').getByTestId('pipeline-finetune-data').textContent();
    expect(finetuneData).toMatch(/ID train plus \d+ DASA samples graded by the oracle/);
    expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-stage-status').textContent()).toMatch(/on \d+ examples \(\d+ from DASA\)/);
    await page.screenshot({ path: `${SHOTS}/5-finetune.png`, fullPage: true });

    await open(page, 'interpolate', 'Interpolate (WI)');
    await runPipelineStage(page, 'lab-interpolate-screen');
    expect(await page.locator('[data-testid="sweep-table"] tbody tr').count()).toBe(5);
    expect(await page.getByTestId('interpolate-chosen').textContent()).toMatch(/The stage kept alpha = (0|0\.25|0\.5|0\.75|1):/);
    await page.screenshot({ path: `${SHOTS}/6-interpolate.png`, fullPage: true });

    await open(page, 'evaluate', 'Evaluate');
    await runPipelineStage(page, 'lab-evaluate-screen');
    // The page's run is one row, marked (darl-no-wi shares its evaluation when interpolation kept alpha = 1).
    expect(await page.locator('[data-testid="variants-table"] tbody tr[data-own="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid="variants-table"] tbody tr[data-own="true"]').getAttribute('data-variant')).toBe('darl');
    expect(await page.getByTestId('confusion-matrix').count()).toBe(2);
    expect(await page.getByTestId('reliability-chart').count()).toBe(2);
    expect(await page.locator('[data-testid="ood-detection-table"] tbody tr').count()).toBe(4);
    expect(await page.getByTestId('evaluate-gap').textContent()).toMatch(/ID-OOD gap in macro-F1: -?\d\.\d{3}/);
    await page.screenshot({ path: `${SHOTS}/7-evaluate.png`, fullPage: true });

    for (const stage of ['pretrain', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate']) {
      expect(await page.getByTestId(`step-${stage}`).getAttribute('data-state'), stage).toBe('done');
    }
    const datasetId = await datasetIdOf(page);
    oracleRun = await loadRun<StoredRun>(page, `pipeline/${datasetId}`);
    expect(oracleRun.status).toBe('done');
    expect(oracleRun.stages.map((stage) => stage.stage)).toEqual(['pretrain', 'probe', 'dasa', 'annotate', 'finetune', 'interpolate', 'evaluate']);
    const gap = await page.getByTestId('evaluate-gap').textContent();

    // A reload finds the run: every stage is stored for these settings, and the screens show the results.
    await page.reload();
    await ready(page);
    await expect.poll(() => page.getByTestId('step-evaluate').getAttribute('data-state'), WAIT).toBe('done');
    await stageDone(page, 'lab-evaluate-screen');
    expect(await page.getByTestId('evaluate-gap').textContent()).toBe(gap);
    expect(await page.getByTestId('confusion-matrix').count()).toBe(2);
    await open(page, 'interpolate', 'Interpolate (WI)');
    expect(await page.locator('[data-testid="sweep-table"] tbody tr').count()).toBe(5);
    await open(page, 'dasa', 'DASA');
    await stageDone(page, 'lab-dasa-screen');
    expect(await page.locator('[data-testid="selected-table"] tbody tr').count()).toBe(selectedRows);
    expect(await page.getByTestId('scatter-chart').count()).toBe(1);
    for (const stage of ['pretrain', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate']) {
      expect(await page.getByTestId(`step-${stage}`).getAttribute('data-state'), stage).toBe('done');
    }
    await page.screenshot({ path: `${SHOTS}/8-dasa-after-reload.png`, fullPage: true });
    await open(page, 'runs', 'Runs and storage');
    await expect.poll(() => page.getByText(`DaRL pipeline on `).count(), WAIT).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/9-runs.png`, fullPage: true });
    await page.close();
  });

  it('fine-tunes on the grades a person gives from the keyboard', async () => {
    const page = await lab.newPage(`?backend=wasm#stage=dasa&${SETTINGS}&dasa.annotator=person`);
    await ready(page);
    const datasetId = await datasetIdOf(page);
    await expect.poll(() => page.getByTestId('annotation-progress').textContent(), WAIT).toMatch(/^0 of \d+ graded$/);
    expect(await page.getByTestId('annotation-missing').textContent()).toContain('Your grades are not stored');
    expect(await page.getByTestId('use-grades').isDisabled()).toBe(true);
    const total = Number((await page.getByTestId('annotation-progress').textContent())!.split(' of ')[1].split(' ')[0]);

    // Each sample gets a grade other than the oracle's, typed on the focused annotation box.
    const typed: Record<string, number> = {};
    await page.getByTestId('annotation-view').focus();
    for (let i = 0; i < total; i++) {
      const id = (await page.getByTestId('annotation-sample').getAttribute('data-id'))!;
      const gold = await page.evaluate(([dataset, sample]) => window.lab.engine.revealPoolGrade(dataset, sample), [datasetId, id] as const);
      typed[id] = ((gold ?? 0) + 1) % 3;
      await page.keyboard.press(String(typed[id]));
      await expect.poll(() => page.getByTestId('annotation-progress').textContent()).toMatch(new RegExp(`^${i + 1} of ${total} graded`));
    }
    await page.screenshot({ path: `${SHOTS}/10-dasa-person-graded.png`, fullPage: true });
    await expect.poll(() => page.getByTestId('use-grades').isDisabled()).toBe(false);
    await page.getByTestId('use-grades').click();
    await expect.poll(() => page.getByTestId('annotation-stored').textContent(), WAIT).toContain('(your grades)');

    const manualRun = await loadRun<StoredRun>(page, `pipeline/${datasetId}`);
    expect(manualRun.request.settings.annotate?.annotator).toEqual({ kind: 'manual', grades: typed });
    const stageOf = (run: StoredRun, stage: string) => run.stages.find((entry) => entry.stage === stage)!;
    expect(stageOf(manualRun, 'dasa').key).toBe(stageOf(oracleRun, 'dasa').key);
    expect(stageOf(manualRun, 'annotate').key).not.toBe(stageOf(oracleRun, 'annotate').key);
    const annotate = await loadRun<StageRecord<{ annotator: string; grades: Record<string, number>; finetuneIds: string[] }>>(page, stageOf(manualRun, 'annotate').name);
    expect(annotate.value.record.annotator).toBe('manual');
    expect(annotate.value.record.grades).toEqual(typed);

    // Fine-tuning with these grades is another stage output, made from the person's annotate stage.
    await open(page, 'finetune', 'Fine-tune (FT)');
    await expect.poll(() => page.locator('lab-pipeline-card').getByTestId('pipeline-finetune-data').textContent(), WAIT).toContain('graded by the person');
    expect(await page.locator('lab-pipeline-card [data-testid="pipeline-stage-status"]').getAttribute('data-state')).toBe('not-run');
    await runPipelineStage(page, 'lab-pipeline-card');
    const personRun = await loadRun<StoredRun>(page, `pipeline/${datasetId}`);
    const finetune = stageOf(personRun, 'finetune');
    expect(finetune.key).not.toBe(stageOf(oracleRun, 'finetune').key);
    const finetuneRecord = await loadRun<StageRecord<{ added: number }>>(page, finetune.name);
    expect(finetuneRecord.value.inputKeys).toContain(stageOf(manualRun, 'annotate').key);
    expect(finetuneRecord.value.record.added).toBe(annotate.value.record.finetuneIds.length);
    await page.screenshot({ path: `${SHOTS}/11-finetune-person.png`, fullPage: true });

    // The grades come back with the page.
    await page.reload();
    await ready(page);
    await open(page, 'dasa', 'DASA');
    await expect.poll(() => page.getByTestId('annotation-progress').textContent(), WAIT).toBe(`${total} of ${total} graded: done`);
    expect(await page.getByTestId('annotation-stored').textContent()).toContain('(your grades)');
    await page.close();
    checkOffline(lab);
  });

  it('runs everything with the defaults in one go, generating the data first', async () => {
    const fresh = await launchLab();
    try {
      const page = await fresh.newPage(`?backend=wasm#${SETTINGS.replace('&pretrain.steps=12', '')}`);
      await ready(page);
      expect(await page.getByTestId('run-all-run').textContent()).toBe('Run all with defaults');
      await page.getByTestId('run-all-run').click();
      // (The shipped model's Pretrain ends at once: the step seen depends on timing, its line does not.)
      await page.getByTestId('run-all-step').waitFor(WAIT);
      await page.screenshot({ path: `${SHOTS}/12-run-all-running.png`, fullPage: true });
      await expect.poll(() => page.getByTestId('run-all-done').count(), WAIT).toBe(1);
      expect(await page.getByTestId('run-all-done').textContent()).toMatch(/^Done: macro-F1 ID \d\.\d{3}, OOD \d\.\d{3}/);
      for (const stage of ['data', 'pretrain', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate']) {
        await expect.poll(() => page.getByTestId(`step-${stage}`).getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
      }
      await open(page, 'evaluate', 'Evaluate');
      await stageDone(page, 'lab-evaluate-screen');
      const run = await loadRun<StoredRun>(page, `pipeline/${await datasetIdOf(page)}`);
      expect(run.stages.map((stage) => stage.stage)).toEqual(['pretrain', 'probe', 'dasa', 'annotate', 'finetune', 'interpolate', 'evaluate']);
      expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-effective').textContent()).toContain('all test rows');
      await open(page, 'pretrain', 'Pretrain');
      expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-effective').textContent()).toContain('the shipped nano model and its tokenizer');
      await page.screenshot({ path: `${SHOTS}/13-run-all-done.png`, fullPage: true });
      await page.close();
      checkOffline(fresh);
    } finally {
      await fresh.close();
    }
  });
});
