// Damaged Parquet files: random byte changes, cuts and splices of a valid ESCI-shaped file end, within
// a time bound, with rows or a named import error that starts with the file's name; never a raw
// TypeError or RangeError, a hang, or an allocation the size of a lying length field. (A damaged
// run length inside a page still costs hyparquet up to about 2^31 steps, a second or two: bounded.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorySource } from '../byte-source';
import { ImportError } from '../errors';
import { examplesColumns, type EsciExample } from '../presets/esci-fixture';
import { parquetBytes } from './parquet-test-support';
import { readParquet } from './parquet-reader';

const PER_CASE_MS = 3000;
const EXAMPLES: EsciExample[] = Array.from({ length: 60 }, (_, i) => ({ query: `query ${i % 7}`, queryId: i % 7, productId: `P${i}`, locale: 'us', label: 'E', small: 1, split: 'train' }));
const VALID = parquetBytes(examplesColumns(EXAMPLES), { rowGroupSize: 25, pageSize: 200 });

async function readAll(bytes: Uint8Array): Promise<number> {
  let rows = 0;
  for await (const row of readParquet(memorySource('f.parquet', bytes), { format: 'parquet' })) rows += row.columns.length > 0 ? 1 : 0;
  return rows;
}

async function outcome(bytes: Uint8Array): Promise<string> {
  const started = performance.now();
  try {
    await readAll(bytes);
    return 'rows';
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    expect(error.message.startsWith('f.parquet')).toBe(true);
    return error.name;
  } finally {
    expect(performance.now() - started).toBeLessThan(PER_CASE_MS);
  }
}

describe('readParquet on damaged files', () => {
  it('reads the valid file', async () => {
    expect(await readAll(VALID)).toBe(60);
  });

  it('a page header with damaged level lengths is refused before decoding (hyparquet loops on it)', async () => {
    const bytes = VALID.slice();
    bytes[151] = 91; // inside the first page of example_id
    bytes[623] = 210; // drops repetition_levels_byte_length from small_version's data page header
    expect(await outcome(bytes)).toBe('InvalidParquetError');
  });

  it('changed bytes: rows or a named error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(VALID.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (changes) => {
        const bytes = VALID.slice();
        for (const [at, value] of changes) bytes[at] = value;
        await outcome(bytes);
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it('cut or spliced files: rows or a named error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(VALID.length), fc.nat(VALID.length), async (a, b) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        await outcome(VALID.subarray(0, from));
        await outcome(new Uint8Array([...VALID.subarray(0, from), ...VALID.subarray(to)]));
      }),
      { numRuns: 150, seed: 18 },
    );
  });
});
