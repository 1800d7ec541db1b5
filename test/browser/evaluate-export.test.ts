// The Evaluate screen's downloads and the DASA picture's details, in Chromium with the nano preset on
// tiny data after Run all: the predictions and the report as CSV and JSON (the files agree with each
// other and with the numbers the page shows), and on the DASA screen the picture coloured by grade
// and by shift tag, with the nearest sample's text shown when the pointer is on the plot.
import { mkdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-results/screenshots';
const SETTINGS = 'model.preset=nano&data.seed=9&data.train=64&data.val=24&data.test_id=24&data.test_ood=24&data.pool=48&pretrain.steps=8';
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;
let page: Page;

async function download(name: string): Promise<{ fileName: string; text: string }> {
  const started = page.waitForEvent('download');
  await page.getByTestId(name).click();
  const file = await started;
  return { fileName: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
  page = await lab.newPage(`?backend=wasm#stage=evaluate&${SETTINGS}`);
  await page.locator('[data-testid="status-backend"]', { hasText: 'wasm' }).waitFor(WAIT);
  await page.getByTestId('run-all-run').click();
  await page.getByTestId('run-all-done').waitFor(WAIT);
}, 150_000);

afterAll(async () => {
  await lab?.close();
});

describe('Evaluate: download the results', () => {
  it('downloads the report and the predictions as JSON and CSV, agreeing with each other and with the page', async () => {
    await expect.poll(() => page.getByTestId('evaluation-download-report-json').isEnabled(), WAIT).toBe(true);
    const reportJson = await download('evaluation-download-report-json');
    expect(reportJson.fileName).toMatch(/^evaluation-[a-z-]+-generated-[0-9a-f]+-report\.json$/);
    const report = JSON.parse(reportJson.text);
    const gap = await page.getByTestId('evaluate-gap').textContent();
    expect(gap).toContain(`(ID ${report.test_id.macro_f1.toFixed(3)}, OOD ${report.test_ood.macro_f1.toFixed(3)})`);
    expect(Object.keys(report.ood).sort()).toEqual(['energy', 'knn', 'mahalanobis', 'msp']);

    const reportCsv = await download('evaluation-download-report-csv');
    const metrics = new Map(Papa.parse<string[]>(reportCsv.text.trimEnd()).data.slice(1).map(([name, value]) => [name, value]));
    expect(Number(metrics.get('test_ood.macro_f1'))).toBe(report.test_ood.macro_f1);
    expect(metrics.get('about.variant')).toBe(report.about.variant);

    const predictionsCsv = await download('evaluation-download-predictions-csv');
    expect(predictionsCsv.fileName).toMatch(/-predictions\.csv$/);
    const rows = Papa.parse<Record<string, string>>(predictionsCsv.text.trimEnd(), { header: true }).data;
    for (const split of ['test_id', 'test_ood'] as const) {
      const ofSplit = rows.filter((row) => row.split === split);
      expect(ofSplit).toHaveLength(report[split].n);
      expect(ofSplit.filter((row) => row.correct === 'true').length / ofSplit.length).toBeCloseTo(report[split].accuracy, 10);
      ofSplit.forEach((row) => expect(Number(row.p0) + Number(row.p1) + Number(row.p2)).toBeCloseTo(1, 5));
    }
    const predictionsJson = JSON.parse((await download('evaluation-download-predictions-json')).text);
    expect(predictionsJson.predictions.map((row: { id: string }) => row.id)).toEqual(rows.map((row) => row.id));
    expect(predictionsJson.about).toEqual(report.about);
  });
});

describe('DASA: the feature plot', () => {
  it('colours the points by grade and by shift tag and shows the nearest sample\'s text on hover', async () => {
    await page.getByTestId('step-dasa').click();
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('DASA');
    const scatter = page.getByTestId('dasa-scatter');
    await scatter.waitFor(WAIT);
    const counts = async () => (await page.getByTestId('scatter-group').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-count')))));
    const total = (await counts()).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(48);

    await expect.poll(() => page.locator('[data-testid="scatter-colour"] option[value="grade"]').isDisabled(), WAIT).toBe(false);
    await page.getByTestId('scatter-colour').selectOption({ value: 'grade' });
    await expect.poll(() => page.getByTestId('scatter-legend').textContent()).toContain('Pool, not graded (hidden)');
    expect((await counts()).reduce((a, b) => a + b, 0)).toBe(total);
    expect(await page.getByTestId('scatter-legend').textContent()).toMatch(/2 strong: \d+/);

    await page.getByTestId('scatter-colour').selectOption({ value: 'tag' });
    await expect.poll(() => page.getByTestId('scatter-legend').textContent()).toContain('no shift tag');
    expect((await counts()).reduce((a, b) => a + b, 0)).toBe(total);

    const canvas = page.getByTestId('scatter-chart');
    const box = (await canvas.boundingBox())!;
    await canvas.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => page.getByTestId('scatter-hover').textContent()).toMatch(/^(ID train|Pool) \S+: “.+” → “.+” \((grade [012] \S+|grade hidden); .+\)$/);
    await page.screenshot({ path: `${SHOTS}/dasa-scatter-hover.png`, fullPage: true });
  });
});
