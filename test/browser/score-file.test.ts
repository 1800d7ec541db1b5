// The practitioner's loop in the Playground, in Chromium: a file of pairs uploaded, scored in the
// engine worker with the chosen checkpoint, shown as a table and downloaded as CSV and JSONL (the
// numbers equal the engine's scorePairs), a bad file named with its line and column; and the
// attention maps of a typed pair, per layer and head.
import { mkdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';
import { trainNanoCheckpoints } from './nano-checkpoints';

const SHOTS = 'test-results/screenshots';
const TINY = { seed: 17, sizes: { train: 48, val: 12, test_id: 9, test_ood: 9, pool: 12 } };
const PAYLOAD = '<img src=x onerror=window.__pwned=1>';
const PAIRS = [
  { query: 'term life cover for a 40 year old', title: 'Acme Term Life 20', brand: 'Acme', label: '2' },
  { query: 'pet insurance for an old dog', title: 'Home contents plan', brand: 'Brio', label: '0' },
  { query: PAYLOAD, title: 'Travel plan, "annual"', brand: '', label: '' },
];
const CSV = Papa.unparse(PAIRS);

let lab: LabBrowser;

async function openPlayground(): Promise<Page> {
  const page = await lab.newPage('?backend=wasm#stage=playground&dasa.k=5');
  await expect.poll(() => page.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('wasm');
  await expect.poll(() => page.getByTestId('playground-checkpoint').inputValue()).toBe('finetune-sf');
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
  const page = await lab.newPage('?backend=wasm');
  expect((await page.evaluate(() => window.lab.ready)).backend).toBe('wasm');
  const datasetId = await trainNanoCheckpoints(page, TINY, { probe: { id: 'probe-sf' }, finetune: { id: 'finetune-sf' } });
  await page.evaluate((id) => localStorage.setItem('relevance-lab.dataset', id), datasetId);
  await page.close();
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe('score a file in the playground', () => {
  it('scores an uploaded CSV with the chosen checkpoint, shows the rows, and downloads them as CSV and JSONL', async () => {
    const page = await openPlayground();
    await page.getByTestId('score-file-input').setInputFiles({ name: 'my pairs.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    // Columns guessed from their names; brand is offered as more item text.
    await expect.poll(() => page.getByTestId('score-map-query').inputValue()).toBe('query');
    expect(await page.getByTestId('score-map-title').inputValue()).toBe('title');
    expect(await page.getByTestId('score-map-label').inputValue()).toBe('label');
    await expect.poll(() => page.getByTestId('score-file-run').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('score-file-run').click();
    await expect.poll(() => page.getByTestId('score-file-summary').textContent(), { timeout: 60_000 }).toContain('Scored 3 pairs of my pairs.csv');
    expect(await page.getByTestId('scored-row').count()).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    const pairs = PAIRS.map((pair) => ({ query: pair.query, item: { title: pair.title, fields: (pair.brand ? { brand: pair.brand } : {}) as Record<string, string> } }));
    const expected = await page.evaluate((p) => window.lab.engine.scorePairs('finetune-sf', p), pairs);

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('score-file-download-csv').click();
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toBe('my pairs-scored.csv');
    const table = Papa.parse<Record<string, string>>(readFileSync((await csvFile.path())!, 'utf8').trimEnd(), { header: true }).data;
    expect(table.map((row) => row.query)).toEqual(PAIRS.map((pair) => pair.query));
    expect(table.map((row) => row.gold_grade)).toEqual(['2', '0', '']);
    table.forEach((row, i) => [row.p0, row.p1, row.p2].forEach((p, k) => expect(Number(p)).toBeCloseTo(expected[i].probs[k], 5)));
    table.forEach((row) => expect(Number.isFinite(Number(row.mahalanobis)) && Number(row.mahalanobis) >= 0).toBe(true));

    const jsonlDownload = page.waitForEvent('download');
    await page.getByTestId('score-file-download-jsonl').click();
    const jsonlFile = await jsonlDownload;
    expect(jsonlFile.suggestedFilename()).toBe('my pairs-scored.jsonl');
    const lines = readFileSync((await jsonlFile.path())!, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.item)).toEqual(pairs.map((pair) => pair.item));
    lines.forEach((line, i) => {
      line.probs.forEach((p: number, k: number) => expect(p).toBeCloseTo(expected[i].probs[k], 6));
      expect(line.grade).toBe(line.probs.indexOf(Math.max(...line.probs)));
      expect(Object.keys(line.ood)).toEqual(['mahalanobis', 'knn']);
    });
    await page.screenshot({ path: `${SHOTS}/playground-score-file.png`, fullPage: true });
    await page.close();
  });

  it('names a bad row of the file with its line and column, and scores nothing', async () => {
    const page = await openPlayground();
    await page.getByTestId('score-file-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('query,title\nterm life,Acme\n,Travel plan\n') });
    await expect.poll(() => page.getByTestId('score-file-run').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('score-file-run').click();
    await expect.poll(() => page.getByTestId('score-file-error').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId('score-file-error').textContent()).toContain('EmptyQueryError');
    expect(await page.getByTestId('score-file-error-line').textContent()).toBe('3');
    expect(await page.getByTestId('score-file-error-column').textContent()).toBe('1 (query)');
    expect(await page.getByTestId('score-file-summary').count()).toBe(0);
    await page.close();
  });
});

describe('attention maps in the playground', () => {
  it('shows each layer\'s and head\'s attention over the typed pair\'s tokens, and reads a cell on hover', async () => {
    const page = await openPlayground();
    await page.getByTestId('playground-title').fill('Acme Term Life 20');
    await page.getByTestId('playground-query').fill('term life cover');
    await expect.poll(() => page.getByTestId('attention-run').isEnabled(), { timeout: 60_000 }).toBe(true);
    await page.getByTestId('attention-run').click();
    await expect.poll(() => page.getByTestId('attention-summary').count(), { timeout: 30_000 }).toBe(1);
    const pair = { query: 'term life cover', item: { title: 'Acme Term Life 20', fields: {} } };
    const attention = await page.evaluate((p) => window.lab.engine.pairAttention('finetune-sf', p), pair);
    expect(await page.getByTestId('attention-layer').locator('option').count()).toBe(attention.layers);
    expect(await page.getByTestId('attention-head').locator('option').count()).toBe(attention.heads + 1);
    expect(await page.getByTestId('attention-summary').textContent()).toContain('[CLS] (what the classifier reads) reads most');

    // Layer 2, head 1: hovering the cell of the last row and the first column reads that weight.
    await page.getByTestId('attention-layer').selectOption({ value: '1' });
    await page.getByTestId('attention-head').selectOption({ value: '0' });
    const canvas = page.getByTestId('attention-canvas');
    const box = (await canvas.boundingBox())!;
    const cell = (box.width - 92) / attention.length;
    await canvas.hover({ position: { x: 92 + cell / 2, y: 92 + (attention.length - 0.5) * cell } });
    const last = attention.length - 1;
    const weight = attention.weights[((1 * attention.heads + 0) * attention.length + last) * attention.length + 0];
    expect(await page.getByTestId('attention-summary').textContent()).toContain('In layer 2, head 1,');
    await expect.poll(() => page.getByTestId('attention-hover').textContent()).toContain(`(position ${last}) reads “[BOS]” (position 0) with weight ${(100 * weight).toFixed(1)}%`);
    await page.screenshot({ path: `${SHOTS}/playground-attention.png`, fullPage: true });
    await page.close();
  });
});
