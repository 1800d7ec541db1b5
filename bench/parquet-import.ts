// Parquet import benchmark: generates a 1,000,000-row ESCI-shaped examples file (one row group, as
// pyarrow wrote the official files) with a products file and the query sources CSV in a temp folder,
// then measures, each in a fresh Node process (the files are written by one too), peak RSS, peak JS
// heap and peak live heap (after a full collection) while
//   read    streaming every row and column of the examples file (readParquet),
//   import  the whole ESCI import (examples, the products they name, sources) into split examples,
//   whole   hyparquet reading the examples file at once into row objects, for comparison.
// Run: npm run bench:parquet [-- --rows N] [-- --keep]   (prints a markdown table)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { generateEsciParquet } from './esci-parquet-data';
import { measure, type Measurement, type Mode } from './parquet-measure';

const MODES: Mode[] = ['baseline', 'read', 'whole', 'import'];

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1] ?? '';
}

/** Runs this script again in a fresh Node process and parses what it prints. */
function inChild<T>(args: string[]): T {
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output) as T;
}

async function main(): Promise<void> {
  const child = flag('measure');
  if (child !== undefined) {
    process.stdout.write(JSON.stringify(await measure(child as Mode, flag('dir')!)));
    return;
  }
  if (flag('generate') !== undefined) {
    process.stdout.write(JSON.stringify(generateEsciParquet(flag('dir')!, Number(flag('generate')))));
    return;
  }
  const rows = Number(flag('rows') ?? 1_000_000);
  const dir = mkdtempSync(join(os.tmpdir(), 'parquet-bench-'));
  try {
    const started = performance.now();
    const files = inChild<ReturnType<typeof generateEsciParquet>>(['--generate', String(rows), '--dir', dir]);
    const mb = (path: string) => (statSync(path).size / 2 ** 20).toFixed(1);
    console.log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s: examples ${rows.toLocaleString('en')} rows, ${mb(files.examples)} MiB; products ${mb(files.products)} MiB (${files.namedProducts.toLocaleString('en')} of them named by the examples); sources ${mb(files.sources)} MiB`);
    console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}\n`);
    console.log('| what | rows | time | peak RSS | peak JS heap (garbage included) | peak live JS heap |\n|---|---|---|---|---|---|');
    for (const mode of MODES) {
      const m = inChild<Measurement>(['--measure', mode, '--dir', dir]);
      const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
      console.log(`| ${m.what} | ${m.rows.toLocaleString('en')} | ${(m.ms / 1000).toFixed(1)} s | ${mib(m.peakRss)} | ${mib(m.peakHeap)} | ${mib(m.peakLiveHeap)} |`);
    }
  } finally {
    if (flag('keep') === undefined) rmSync(dir, { recursive: true, force: true });
    else console.log(`\nfiles kept in ${dir}`);
  }
}

await main();
