// A ~50 MB CSV streams through decoding, parsing and row validation with bounded memory: the heap
// grows by a small fraction of the file's size (held whole as text it would take ~100 MB).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ByteSource } from './byte-source';
import { FaultPolicy } from './fault-policy';
import { genericPreset } from './presets/generic';

const TARGET_BYTES = 50 * 1024 * 1024;

/** A full garbage collection, so the heap reading is what is still reachable (live), not GC lag. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A block of whole rows, repeated, handed out in chunks that do not line up with rows. */
function generatedCsv(): { source: ByteSource; bytes: number; rows: number } {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const multiline = i % 50 === 0 ? '"dimmable, warm\nwhite ""LED"" — 2 pack"' : `lamp model ${i} für Büro`;
    lines.push(`${i},desk lamp ${i % 97},${multiline},${i % 3},lights`);
  }
  const block = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const header = new TextEncoder().encode('id,query,title,grade,category\n');
  const repeats = Math.ceil(TARGET_BYTES / block.length);
  const bytes = header.length + repeats * block.length;
  const chunkBytes = 1_000_003;
  const source: ByteSource = {
    name: 'big.csv',
    async *open() {
      yield header;
      for (let offset = 0; offset < repeats * block.length; offset += chunkBytes) {
        const end = Math.min(offset + chunkBytes, repeats * block.length);
        const chunk = new Uint8Array(end - offset);
        for (let at = offset; at < end; ) {
          const inBlock = at % block.length;
          const take = Math.min(block.length - inBlock, end - at);
          chunk.set(block.subarray(inBlock, inBlock + take), at - offset);
          at += take;
        }
        yield chunk;
      }
    },
  };
  return { source, bytes, rows: repeats * 2000 };
}

describe('streaming import of a large file', () => {
  it('parses ~50 MB with bounded heap growth', async () => {
    const { source, bytes, rows: expectedRows } = generatedCsv();
    const plan = genericPreset.plan({ mapping: { query: 'query', title: 'title', label: 'grade', group: ['category'] } });
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let peakLive = baseline;
    const liveSamples: number[] = [];
    let rows = 0;
    let lastLine = 0;
    const started = performance.now();
    for await (const row of genericPreset.rows({ data: [source] }, plan, { policy: new FaultPolicy(), decode: {} })) {
      rows++;
      lastLine = row.line;
      if ((rows & 4095) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (rows % 200_000 === 0) {
        collectGarbage();
        liveSamples.push(process.memoryUsage().heapUsed);
        peakLive = Math.max(peakLive, liveSamples[liveSamples.length - 1]);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const growthMb = (peak - baseline) / 2 ** 20;
    const liveMb = (peakLive - baseline) / 2 ** 20;
    console.log(
      `streamed ${(bytes / 2 ** 20).toFixed(1)} MB, ${rows} rows in ${seconds.toFixed(2)} s: ` +
        `${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s, ${Math.round(rows / seconds)} rows/s, peak heap growth ${growthMb.toFixed(1)} MB (live after GC ${liveMb.toFixed(1)} MB)`,
    );
    expect(rows).toBe(expectedRows);
    // 40 of every 2000 rows span two lines: the last row starts on line 1 + rows + rows/50.
    expect(lastLine).toBe(1 + expectedRows + expectedRows / 50);
    // Reachable memory stays a few MB; the raw peak includes garbage V8 has not collected yet,
    // and stays well below the ~100 MB the file would take as one string.
    // What is held is one chunk's worth of text and records, not the file: no growth from the first
    // sample (200k rows) to the last (800k rows).
    expect(liveMb).toBeLessThan(32);
    expect((liveSamples[liveSamples.length - 1] - liveSamples[0]) / 2 ** 20).toBeLessThan(8);
    expect(growthMb).toBeLessThan(160);
  });
});
