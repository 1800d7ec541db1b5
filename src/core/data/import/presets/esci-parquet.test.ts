// ESCI from its official Parquet layout: examples first, then only the products they name, the
// official split, the small/large versions, the query sources as an OOD rule, and bad files.
import { describe, expect, it } from 'vitest';
import type { Example } from '../../schema';
import { memorySource, type ByteSource } from '../byte-source';
import { importDataset, type ImportRequest } from '../import-dataset';
import { parquetBytes } from '../parquet/parquet-test-support';
import { examplesColumns, productsColumns, sourcesCsv, type EsciExample, type EsciProduct } from './esci-fixture';
import type { PresetOptions } from './preset';

const EXAMPLES: EsciExample[] = [
  { query: 'red sofa', queryId: 1, productId: 'P1', locale: 'us', label: 'E', small: 1, split: 'train' },
  { query: 'red sofa', queryId: 1, productId: 'P2', locale: 'us', label: 'S', small: 1, split: 'train' },
  { query: 'red sofa', queryId: 1, productId: 'P3', locale: 'us', label: 'I', small: 1, split: 'train' },
  { query: 'lamp without cord', queryId: 2, productId: 'P4', locale: 'us', label: 'E', small: 1, split: 'test' },
  { query: 'lamp without cord', queryId: 2, productId: 'P5', locale: 'us', label: 'C', small: 1, split: 'test' },
  { query: 'mesa roja', queryId: 3, productId: 'P6', locale: 'es', label: 'E', small: 0, split: 'train' },
  { query: 'blue rug', queryId: 4, productId: 'P7', locale: 'us', label: 'I', small: 0, split: 'test' },
  { query: 'blue rug', queryId: 4, productId: 'P1', locale: 'us', label: 'S', small: 0, split: 'test' },
  { query: 'oak desk', queryId: 5, productId: 'P8', locale: 'us', label: 'E', small: 1, split: 'train' },
  { query: 'oak desk', queryId: 5, productId: 'P2', locale: 'us', label: 'I', small: 1, split: 'train' },
  { query: 'desk not oak', queryId: 6, productId: 'P8', locale: 'us', label: 'S', small: 1, split: 'test' },
];

const NEEDED: EsciProduct[] = [
  { id: 'P1', title: 'Velvet sofa, red', locale: 'us', brand: 'Acme', description: 'A three-seat sofa' },
  { id: 'P2', title: 'Loveseat', locale: 'us', brand: null },
  { id: 'P3', title: 'Garden hose', locale: 'us' },
  { id: 'P4', title: 'Cordless lamp', locale: 'us' },
  { id: 'P5', title: 'Lamp shade', locale: 'us' },
  { id: 'P6', title: 'Mesa de centro roja', locale: 'es', brand: 'Casa' },
  { id: 'P6', title: 'Red coffee table', locale: 'us' },
  { id: 'P7', title: 'Wool rug, grey', locale: 'us' },
  { id: 'P8', title: 'Oak writing desk', locale: 'us' },
];

/** Products no example names, among them a product id given twice. */
const UNNEEDED: EsciProduct[] = [
  ...Array.from({ length: 300 }, (_, i) => ({ id: `X${i}`, title: `Unrelated product ${i}`, locale: 'us' })),
  { id: 'X7', title: 'The same id again', locale: 'us' },
];

const SOURCES = new Map([[1, 'other'], [2, 'negations'], [3, 'other'], [4, 'parse_pattern'], [5, 'other'], [6, 'negations']]);

function files(products: EsciProduct[] = [...UNNEEDED.slice(0, 150), ...NEEDED, ...UNNEEDED.slice(150)], withSources = true): ByteSource[] {
  const sources = [
    memorySource('shopping_queries_dataset_examples.parquet', parquetBytes(examplesColumns(EXAMPLES), { rowGroupSize: 4 })),
    memorySource('shopping_queries_dataset_products.parquet', parquetBytes(productsColumns(products), { rowGroupSize: 64, pageSize: 512 })),
  ];
  if (withSources) sources.push(memorySource('shopping_queries_dataset_sources.csv', sourcesCsv(SOURCES)));
  return sources;
}

function run(sources: ByteSource[], options: PresetOptions = {}, split: Partial<ImportRequest['split']> = {}) {
  return importDataset({
    preset: 'esci',
    files: sources.map((source) => ({ source })),
    filesNamedExplicitly: false,
    options,
    split: { seed: 2, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 }, ...split },
  });
}

function all(examples: Record<string, Example[]>): Example[] {
  return Object.values(examples).flat();
}

describe('ESCI preset, Parquet files', () => {
  it('joins the examples with the products they name, by product_id and locale', async () => {
    const { examples, report } = await run(files());
    const byId = new Map(all(examples).map((e) => [e.id, e]));
    expect(byId.size).toBe(EXAMPLES.length);
    expect(report.rowsImported).toBe(EXAMPLES.length);
    expect([...byId.values()].map((e) => e.grade)).toEqual([2, 1, 0, 2, 1, 2, 0, 1, 2, 0, 1]);
    expect(byId.get('0')!.item).toEqual({ title: 'Velvet sofa, red', fields: { product_brand: 'Acme', product_description: 'A three-seat sofa' } });
    expect(byId.get('5')).toMatchObject({ query: 'mesa roja', item: { title: 'Mesa de centro roja', fields: { product_brand: 'Casa' } } });
  });

  it('keeps only the products the examples name: a repeated product id no example names is not an error', async () => {
    await expect(run(files())).resolves.toBeDefined();
    const repeatedNeeded = [...NEEDED, { id: 'P4', title: 'Another lamp', locale: 'us' }];
    await expect(run(files(repeatedNeeded))).rejects.toThrow(/shopping_queries_dataset_products\.parquet:10:1: column "product_id": duplicate product_id "P4": already defined at shopping_queries_dataset_products\.parquet:4/);
  });

  it('reads the examples before the products: a bad examples file stops the import before the products are opened', async () => {
    const broken = examplesColumns(EXAMPLES);
    delete (broken as Record<string, unknown>).esci_label;
    const products: ByteSource = { name: 'shopping_queries_dataset_products.parquet', open: () => { throw new Error('products opened'); }, random: () => { throw new Error('products opened'); } };
    await expect(run([memorySource('shopping_queries_dataset_examples.parquet', parquetBytes(broken)), products])).rejects.toThrow(/^shopping_queries_dataset_examples\.parquet: column "esci_label": missing column "esci_label"/);
    const wrongId = examplesColumns(EXAMPLES);
    (wrongId as Record<string, unknown>).asin = wrongId.product_id;
    delete (wrongId as Record<string, unknown>).product_id;
    await expect(run([memorySource('shopping_queries_dataset_examples.parquet', parquetBytes(wrongId)), products])).rejects.toThrow(
      /^shopping_queries_dataset_examples\.parquet: column "product_id": missing column "product_id"; columns found: "example_id", "query", "query_id", "product_locale", "esci_label", "small_version", "large_version", "split", "asin"$/,
    );
  });

  it('--split official keeps ESCI\'s test queries in test_id and its train queries out of it', async () => {
    const { examples, report, info } = await run(files(), { officialSplit: true }, { fractions: { train: 0.7, val: 0.1, test_id: 0.2 } });
    expect(new Set(examples.test_id.map((e) => e.query))).toEqual(new Set(['lamp without cord', 'blue rug', 'desk not oak']));
    expect([...examples.train, ...examples.val].every((e) => ['red sofa', 'mesa roja', 'oak desk'].includes(e.query))).toBe(true);
    expect(report.split.official).toMatchObject({ column: 'split', trainQueries: 3, testQueries: 3 });
    expect(info.source.kind === 'imported' && info.source.options).toMatchObject({ split: { officialColumn: 'split' } });
  });

  it('--split official refuses examples without the split column, naming the file', async () => {
    const noSplit = examplesColumns(EXAMPLES);
    delete (noSplit as Record<string, unknown>).split;
    const [, products] = files();
    await expect(run([memorySource('shopping_queries_dataset_examples.parquet', parquetBytes(noSplit)), products], { officialSplit: true })).rejects.toThrow(/^shopping_queries_dataset_examples\.parquet: column "split": missing column "split"/);
  });

  it('--small keeps small_version = 1, --large keeps large_version = 1, not both', async () => {
    const small = await run(files(), { smallVersion: true });
    expect(all(small.examples).map((e) => e.query)).not.toContain('blue rug');
    expect(small.report.rowsImported).toBe(8);
    expect((await run(files(), { largeVersion: true })).report.rowsImported).toBe(11);
    await expect(run(files(), { smallVersion: true, largeVersion: true })).rejects.toThrow(/choose --small or --large, not both/);
  });

  it('the query sources file gives the source column for an OOD rule: negation queries become OOD', async () => {
    const { examples } = await run(files(), { officialSplit: true }, { ood: { kind: 'column', column: 'source', values: ['negations'] }, fractions: { train: 0.7, val: 0.1, test_id: 0.2 } });
    expect(new Set(examples.test_ood.map((e) => e.query))).toEqual(new Set(['lamp without cord', 'desk not oak']));
    expect(examples.test_ood.every((e) => e.tags[0] === 'ood:source=negations')).toBe(true);
    expect(new Set(examples.test_id.map((e) => e.query))).toEqual(new Set(['blue rug']));
  });

  it('a query missing from the sources file is an unknown reference, with the place', async () => {
    const partial = new Map([...SOURCES].filter(([id]) => id !== 4));
    const [examples, products] = files();
    const error = run([examples, products, memorySource('shopping_queries_dataset_sources.csv', sourcesCsv(partial))]);
    await expect(error).rejects.toThrow(/^shopping_queries_dataset_examples\.parquet:7:3: column "query_id": query_id "4" is not in shopping_queries_dataset_sources\.csv$/);
  });

  it('a truncated products file is named as such', async () => {
    const [examples, products] = files();
    const bytes = new Uint8Array(await (async () => { const a = await products.random!(); return a.read(0, a.byteLength - 100); })());
    await expect(run([examples, memorySource(products.name, bytes)])).rejects.toThrow(/^shopping_queries_dataset_products\.parquet: the file does not end with PAR1: it is cut off/);
  });

  it('reads the same rows as the CSV of the same data', async () => {
    const csv = (columns: Record<string, { data: unknown[] }>) => {
      const names = Object.keys(columns);
      const cell = (v: unknown) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
      return `${names.join(',')}\n${columns[names[0]].data.map((_, i) => names.map((n) => cell(columns[n].data[i])).join(',')).join('\n')}\n`;
    };
    const fromCsv = await run([
      memorySource('shopping_queries_dataset_examples.csv', csv(examplesColumns(EXAMPLES)), 9),
      memorySource('shopping_queries_dataset_products.csv', csv(productsColumns([...NEEDED, ...UNNEEDED])), 9),
    ]);
    const fromParquet = await run(files(undefined, false));
    const strip = (e: Example) => ({ ...e, id: e.id });
    expect(all(fromParquet.examples).map(strip)).toEqual(all(fromCsv.examples).map(strip));
  });
});
