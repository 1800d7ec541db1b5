// `data import` on ESCI's official layout written to disk as Parquet: read through file handles at
// offsets, the official split and a sources OOD rule, and a truncated file named in the error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parquetBytes } from '../../core/data/import/parquet/parquet-test-support';
import { examplesColumns, productsColumns, sourcesCsv, type EsciExample } from '../../core/data/import/presets/esci-fixture';
import { examplesFromJsonl } from '../../core/data/jsonl';
import { parseArgs } from '../args';
import check from './data-check';
import dataImport from './data-import';

const work = mkdtempSync(join(tmpdir(), 'darl-parquet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);

/** 24 queries of 3 products each; even queries are ESCI's train side; every third is a negation query. */
function writeEsci(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const examples: EsciExample[] = [];
  for (let q = 0; q < 24; q++) {
    for (let k = 0; k < 3; k++) {
      examples.push({ query: `query ${q} ${q % 3 === 0 ? 'without' : 'with'} thing`, queryId: 100 + q, productId: `B${(q * 3 + k) % 50}`, locale: 'us', label: (['E', 'S', 'I'] as const)[k], small: 1, split: q % 2 === 0 ? 'train' : 'test' });
    }
  }
  const products = Array.from({ length: 400 }, (_, i) => ({ id: `B${i}`, title: `Product ${i}`, locale: 'us', brand: `brand ${i % 7}` }));
  writeFileSync(join(dir, 'shopping_queries_dataset_examples.parquet'), parquetBytes(examplesColumns(examples), { rowGroupSize: 20 }));
  writeFileSync(join(dir, 'shopping_queries_dataset_products.parquet'), parquetBytes(productsColumns(products), { rowGroupSize: 100, pageSize: 1024 }));
  writeFileSync(join(dir, 'shopping_queries_dataset_sources.csv'), sourcesCsv(new Map(Array.from({ length: 24 }, (_, q) => [100 + q, q % 3 === 0 ? 'negations' : 'other']))));
}

describe('data import from Parquet files', () => {
  it('imports ESCI with its official split and the negation queries as OOD', async () => {
    const dir = join(work, 'esci');
    writeEsci(dir);
    const out = join(work, 'out');
    const status = await dataImport.run(parseArgs(['--preset', 'esci', '--dir', dir, '--split', 'official', '--ood-column', 'source', '--ood-values', 'negations', '--pool', '0.25', '--out', out]));
    expect(status).toBe(0);
    const read = (file: string) => examplesFromJsonl(readFileSync(join(out, file), 'utf8'));
    const oodQueries = new Set(read('test_ood.jsonl').map((e) => e.query));
    expect(oodQueries).toEqual(new Set([3, 9, 15, 21].map((q) => `query ${q} without thing`)));
    const testIds = read('test_id.jsonl');
    expect(testIds.length).toBeGreaterThan(0);
    expect(testIds.every((e) => Number(e.query.split(' ')[1]) % 2 === 1 && e.tags.length === 0)).toBe(true);
    expect(read('train.jsonl').every((e) => Number(e.query.split(' ')[1]) % 2 === 0)).toBe(true);
    expect(read('train.jsonl')[0].item.fields.product_brand).toMatch(/^brand \d$/);
    const lines = log.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => /^official split \(column split\): 12 train-side queries .*, 12 test-side queries/.test(line))).toBe(true);
    expect(await check.run(parseArgs([out]))).toBe(0);
  });

  it('names a truncated Parquet file and writes nothing', async () => {
    const dir = join(work, 'cut');
    writeEsci(dir);
    const products = join(dir, 'shopping_queries_dataset_products.parquet');
    const bytes = readFileSync(products);
    writeFileSync(products, bytes.subarray(0, bytes.length - 1000));
    await expect(dataImport.run(parseArgs(['--preset', 'esci', '--dir', dir, '--out', join(work, 'never')]))).rejects.toThrow(/shopping_queries_dataset_products\.parquet: the file does not end with PAR1/);
  });

  it('refuses --split official for a preset without one', async () => {
    const dir = join(work, 'esci2');
    writeEsci(dir);
    await expect(dataImport.run(parseArgs(['--preset', 'csv', '--files', join(dir, 'shopping_queries_dataset_examples.parquet'), '--map', 'query=query,title=product_id,label=esci_label', '--labels', 'E=2,S=1,I=0', '--split', 'official', '--out', join(work, 'never2')])))
      .rejects.toThrow(/the csv preset has no official split/);
  });
});
