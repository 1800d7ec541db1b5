// ESCI-shaped data for tests and the benchmark: examples, products and query sources as columns in
// the official files' layout (the Parquet files' types: int64 ids and version flags, text elsewhere).
import type { ParquetColumns } from '../parquet/parquet-test-support';

export interface EsciExample {
  query: string;
  queryId: number;
  productId: string;
  locale: string;
  label: 'E' | 'S' | 'C' | 'I';
  small: 0 | 1;
  split: 'train' | 'test';
}

export interface EsciProduct {
  id: string;
  title: string;
  locale: string;
  brand?: string | null;
  description?: string | null;
}

export function examplesColumns(examples: readonly EsciExample[], firstId = 0): ParquetColumns {
  return {
    example_id: { data: examples.map((_, i) => BigInt(firstId + i)), type: 'INT64' },
    query: { data: examples.map((e) => e.query), type: 'STRING' },
    query_id: { data: examples.map((e) => BigInt(e.queryId)), type: 'INT64' },
    product_id: { data: examples.map((e) => e.productId), type: 'STRING' },
    product_locale: { data: examples.map((e) => e.locale), type: 'STRING' },
    esci_label: { data: examples.map((e) => e.label), type: 'STRING' },
    small_version: { data: examples.map((e) => BigInt(e.small)), type: 'INT64' },
    large_version: { data: examples.map(() => 1n), type: 'INT64' },
    split: { data: examples.map((e) => e.split), type: 'STRING' },
  };
}

export function productsColumns(products: readonly EsciProduct[]): ParquetColumns {
  return {
    product_id: { data: products.map((p) => p.id), type: 'STRING' },
    product_title: { data: products.map((p) => p.title), type: 'STRING' },
    product_description: { data: products.map((p) => p.description ?? null), type: 'STRING' },
    product_bullet_point: { data: products.map(() => null), type: 'STRING' },
    product_brand: { data: products.map((p) => p.brand ?? null), type: 'STRING' },
    product_color: { data: products.map(() => null), type: 'STRING' },
    product_locale: { data: products.map((p) => p.locale), type: 'STRING' },
  };
}

/** The query sources CSV: query_id,source. */
export function sourcesCsv(sources: ReadonlyMap<number, string>): string {
  return `query_id,source\n${[...sources].map(([id, source]) => `${id},${source}`).join('\n')}\n`;
}
