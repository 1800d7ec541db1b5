// Generates ESCI-shaped Parquet files for the Parquet import benchmark: an examples file of N rows
// in one row group (as pyarrow wrote the official files), a products file with more products than
// the examples name, and the query sources CSV. Seeded; text that does not compress away.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { createRng } from '../src/core/random';
import { examplesColumns, productsColumns, sourcesCsv, type EsciExample, type EsciProduct } from '../src/core/data/import/presets/esci-fixture';

const WORDS = ['red', 'oak', 'desk', 'lamp', 'sofa', 'rug', 'cordless', 'drill', 'kids', 'shoes', 'wireless', 'mouse', 'steel', 'bottle', 'garden', 'hose', 'phone', 'case', 'led', 'strip', 'wool', 'socks', 'usb', 'cable', 'coffee', 'grinder', 'yoga', 'mat', 'without', 'not'];
const LABELS = ['E', 'S', 'C', 'I'] as const;
const SOURCES = ['other', 'negations', 'parse_pattern', 'behavioral'];

export interface GeneratedFiles {
  examples: string;
  products: string;
  sources: string;
  /** Distinct products the examples name. */
  namedProducts: number;
}

function words(rng: ReturnType<typeof createRng>, count: number): string {
  return Array.from({ length: count }, () => WORDS[rng.int(WORDS.length)]).join(' ');
}

export function generateEsciParquet(dir: string, rows: number, productsPerQuery = 10): GeneratedFiles {
  const rng = createRng(7);
  const queries = Math.ceil(rows / productsPerQuery);
  const productCount = Math.round(rows * 0.6);
  const nameable = Math.round(productCount * 0.6); // examples name products from the first 60% only
  const examples: EsciExample[] = new Array(rows);
  const named = new Set<number>();
  let query = '';
  for (let i = 0; i < rows; i++) {
    const q = Math.floor(i / productsPerQuery);
    if (i % productsPerQuery === 0) query = `${words(rng, 2 + (q % 4))} ${q}`;
    const product = (Math.imul(i + 1, 2654435761) >>> 0) % nameable;
    named.add(product);
    examples[i] = { query, queryId: q, productId: `B${String(product).padStart(9, '0')}`, locale: 'us', label: LABELS[rng.int(4)], small: q % 3 === 0 ? 1 : 0, split: q % 5 === 0 ? 'test' : 'train' };
  }
  const products: EsciProduct[] = Array.from({ length: productCount }, (_, p) => ({
    id: `B${String(p).padStart(9, '0')}`,
    title: `${words(rng, 6)} ${p.toString(36)}`,
    locale: 'us',
    brand: `brand ${p % 997}`,
    description: `${words(rng, 30)} ${Math.imul(p, 40503).toString(16)}`,
  }));
  const files = { examples: join(dir, 'shopping_queries_dataset_examples.parquet'), products: join(dir, 'shopping_queries_dataset_products.parquet'), sources: join(dir, 'shopping_queries_dataset_sources.csv') };
  const columnData = (columns: ReturnType<typeof examplesColumns>) => Object.entries(columns).map(([name, { data, type }]) => ({ name, data, type }));
  parquetWriteFile({ filename: files.examples, columnData: columnData(examplesColumns(examples)), rowGroupSize: rows } as Parameters<typeof parquetWriteFile>[0]);
  parquetWriteFile({ filename: files.products, columnData: columnData(productsColumns(products)), rowGroupSize: productCount } as Parameters<typeof parquetWriteFile>[0]);
  writeFileSync(files.sources, sourcesCsv(new Map(Array.from({ length: queries }, (_, q) => [q, SOURCES[q % SOURCES.length]]))));
  return { ...files, namedProducts: named.size };
}
