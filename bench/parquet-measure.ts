// One measurement of the Parquet import benchmark, run in its own Node process (started with
// --expose-gc) so its memory is its own. Memory is sampled as the rows go by: the resident set
// (RSS), the JS heap in use (garbage included), and the live heap (after a full collection, at
// most every 0.5 s), the part that a longer file would make grow if reading were not bounded.
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { fileSource } from '../src/cli/commands/file-source';
import { importDataset } from '../src/core/data/import/import-dataset';
import { readParquet } from '../src/core/data/import/parquet/parquet-reader';

export type Mode = 'baseline' | 'read' | 'whole' | 'import';

export interface Measurement {
  what: string;
  rows: number;
  ms: number;
  /** Largest resident set size seen, bytes. */
  peakRss: number;
  /** Largest JS heap in use seen (garbage included), bytes. */
  peakHeap: number;
  /** Largest JS heap left after a full collection, bytes. */
  peakLiveHeap: number;
}

const EXAMPLES = 'shopping_queries_dataset_examples.parquet';

function memorySampler() {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc');
  const peaks = { rss: 0, heap: 0, live: 0 };
  let lastCollection = 0;
  return {
    peaks,
    sample() {
      const usage = process.memoryUsage();
      peaks.rss = Math.max(peaks.rss, usage.rss);
      peaks.heap = Math.max(peaks.heap, usage.heapUsed);
      if (performance.now() - lastCollection < 500) return;
      collect();
      peaks.live = Math.max(peaks.live, process.memoryUsage().heapUsed);
      lastCollection = performance.now();
    },
  };
}

async function run(mode: Mode, dir: string, sample: () => void): Promise<{ what: string; rows: number }> {
  if (mode === 'baseline') return { what: 'Node with the importer loaded, nothing read', rows: 0 };
  if (mode === 'read') {
    let rows = 0;
    for await (const row of readParquet(fileSource(join(dir, EXAMPLES)), { format: 'parquet' })) {
      if (++rows % 10_000 === 0) sample();
      if (row.line !== rows) throw new Error('rows out of order');
    }
    return { what: 'readParquet: every row and all 9 columns of the examples file, streamed', rows };
  }
  if (mode === 'whole') {
    const objects = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, EXAMPLES)) });
    sample();
    return { what: 'hyparquet parquetReadObjects: the examples file at once, for comparison', rows: objects.length };
  }
  const names = [EXAMPLES, 'shopping_queries_dataset_products.parquet', 'shopping_queries_dataset_sources.csv'];
  const dataset = await importDataset({
    preset: 'esci',
    files: names.map((name) => ({ source: fileSource(join(dir, name)) })),
    filesNamedExplicitly: false,
    split: { seed: 1, poolFraction: 0.2, ood: { kind: 'none' } },
    onProgress: sample,
  });
  sample();
  return { what: 'ESCI import: examples, the products they name, sources, split (all rows kept in memory)', rows: dataset.report.rowsImported };
}

export async function measure(mode: Mode, dir: string): Promise<Measurement> {
  const sampler = memorySampler();
  const timer = setInterval(sampler.sample, 20);
  const started = performance.now();
  const { what, rows } = await run(mode, dir, sampler.sample);
  const ms = performance.now() - started;
  clearInterval(timer);
  sampler.sample();
  return { what, rows, ms, peakRss: sampler.peaks.rss, peakHeap: sampler.peaks.heap, peakLiveHeap: sampler.peaks.live };
}
