// Parquet through the Data screen's import form: a graded .parquet file written with hyparquet-writer
// is previewed, its columns guessed, imported with the generic preset and shown as a dataset; ESCI's
// examples and products as Parquet files import with the esci preset and ESCI's own split.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEsciParquet } from '../../bench/esci-parquet-data';
import { parquetBytes } from '../../src/core/data/import/parquet/parquet-test-support';
import { launchLab, type LabBrowser } from './launch';

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

async function openImport(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('wasm');
  await page.getByTestId('tab-import').click();
}

async function runImport(page: Page, name: string): Promise<string> {
  await page.getByTestId('import-name').fill(name);
  await page.getByTestId('import-name').press('Tab');
  await page.getByTestId('job-run').last().click();
  await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId('dataset-item').allTextContents()).toContainEqual(expect.stringContaining(name));
  return (await page.getByTestId('import-result').textContent()) ?? '';
}

describe('Parquet import in the page', () => {
  it('previews a graded .parquet file, guesses its columns, imports it and shows the dataset', async () => {
    const page = await lab.newPage('?backend=wasm');
    await openImport(page);
    const queries = Array.from({ length: 12 }, (_, q) => `parquet query ${q} café`);
    const rows = queries.flatMap((query, q) => [0, 1, 2].map((grade) => ({ query, title: `item ${q}-${grade} 🙂`, label: grade })));
    const bytes = parquetBytes({
      query: { data: rows.map((row) => row.query), type: 'STRING' },
      title: { data: rows.map((row) => row.title), type: 'STRING' },
      label: { data: rows.map((row) => row.label), type: 'INT32' },
    }, { rowGroupSize: 10 });
    await page.getByTestId('import-files').setInputFiles({ name: 'graded.parquet', mimeType: 'application/vnd.apache.parquet', buffer: Buffer.from(bytes) });
    await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('graded.parquet');
    expect(await page.getByTestId('import-preview').textContent()).toContain('parquet query 0 café');
    expect(await page.getByTestId('map-query').inputValue()).toBe('query');
    expect(await page.getByTestId('map-label').inputValue()).toBe('label');
    const result = await runImport(page, 'Parquet graded');
    expect(result).toContain(`Imported ${rows.length} rows into “Parquet graded”`);
    await expect.poll(() => page.getByTestId('browse-table').textContent()).toMatch(/parquet query \d+ café/);
    expect(lab.errors).toEqual([]);
    await page.close();
  });

  it("imports ESCI's examples and products as Parquet with its own train/test split", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esci-parquet-page-'));
    const files = generateEsciParquet(dir, 300);
    const buffers = [files.examples, files.products].map((path) => ({ name: path.split('/').pop()!, mimeType: 'application/vnd.apache.parquet', buffer: readFileSync(path) }));
    rmSync(dir, { recursive: true, force: true });
    const page = await lab.newPage('?backend=wasm');
    await openImport(page);
    await page.getByTestId('import-preset').selectOption('esci');
    await page.getByTestId('import-files').setInputFiles(buffers);
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(2);
    await page.getByTestId('import-official-split').check();
    const result = await runImport(page, 'ESCI from Parquet');
    expect(result).toMatch(/Imported [\d,]+ rows into “ESCI from Parquet”/);
    const info = await page.evaluate(() => window.lab.engine.listDatasets().then((list) => list.find((d) => d.info.name === 'ESCI from Parquet')?.info));
    expect(info!.splits.train!.count).toBeGreaterThan(0);
    // The generated queries end with their number; ESCI's split column puts every fifth in test.
    const queryNumbers = async (split: 'train' | 'test_id') => {
      const page_ = await page.evaluate(([id, split]) => window.lab.engine.browseExamples(id, { split, offset: 0, limit: 200 }), [info!.id, split] as const);
      return page_.examples.map((example) => Number(example.query.split(' ').pop()));
    };
    const testIds = await queryNumbers('test_id');
    expect(testIds.length).toBeGreaterThan(0);
    expect(testIds.every((q) => q % 5 === 0)).toBe(true);
    expect((await queryNumbers('train')).some((q) => q % 5 === 0)).toBe(false);
    expect(lab.errors).toEqual([]);
    await page.close();
  });
});
