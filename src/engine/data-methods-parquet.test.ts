// The engine imports browser File objects in Parquet: previews read a few rows at offsets, the ESCI
// preset with the official split stores a dataset, and the read bytes move the progress bar.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { parquetBytes } from '../core/data/import/parquet/parquet-test-support';
import { examplesColumns, productsColumns, sourcesCsv, type EsciExample } from '../core/data/import/presets/esci-fixture';
import { openLabStore } from '../storage';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { JobProgress } from '../core/job/progress';

const engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('data-methods-parquet', { estimate: null, examplesPerChunk: 50 }) });

function esciFiles(): File[] {
  const examples: EsciExample[] = [];
  for (let q = 0; q < 12; q++) {
    for (let k = 0; k < 2; k++) examples.push({ query: `query ${q}`, queryId: q, productId: `P${q + k}`, locale: 'us', label: k === 0 ? 'E' : 'I', small: 1, split: q < 8 ? 'train' : 'test' });
  }
  const products = Array.from({ length: 40 }, (_, i) => ({ id: `P${i}`, title: `Product ${i}`, locale: 'us' }));
  return [
    new File([parquetBytes(examplesColumns(examples))], 'shopping_queries_dataset_examples.parquet'),
    new File([parquetBytes(productsColumns(products))], 'shopping_queries_dataset_products.parquet'),
    new File([sourcesCsv(new Map(Array.from({ length: 12 }, (_, q) => [q, q % 4 === 3 ? 'negations' : 'other'])))], 'shopping_queries_dataset_sources.csv'),
  ];
}

describe('data methods on Parquet files', () => {
  it('previews the first rows of a Parquet file', async () => {
    const [examples] = esciFiles();
    const [preview] = await engine.previewImport([examples], { rows: 3 });
    expect(preview.format).toBe('parquet');
    expect(preview.columns).toEqual(['example_id', 'query', 'query_id', 'product_id', 'product_locale', 'esci_label', 'small_version', 'large_version', 'split']);
    expect(preview.rows.map((row) => row.cells.slice(0, 4))).toEqual([['0', 'query 0', '0', 'P0'], ['1', 'query 0', '0', 'P1'], ['2', 'query 1', '1', 'P1']]);
  });

  it('imports ESCI with its official split and a sources OOD rule, counting the bytes read', async () => {
    const progress: JobProgress[] = [];
    const summary = await engine.importDataset(
      esciFiles(),
      { preset: 'esci', officialSplit: true, split: { seed: 1, poolFraction: 0, ood: { kind: 'column', column: 'source', values: ['negations'] } } },
      (p) => void progress.push(p),
    );
    expect(summary.rowsImported).toBe(24);
    const { splits } = summary.dataset.info;
    expect([splits.test_id?.queries, splits.test_ood?.queries]).toEqual([3, 1]); // test side: queries 8..11, of which 11 is a negation
    expect((splits.train?.queries ?? 0) + (splits.val?.queries ?? 0)).toBe(6); // train side 0..7 less the negations 3 and 7
    const read = progress.filter((p) => p.stage === 'read');
    expect(read.at(-1)!.step).toBeGreaterThan(0);
  });
});
