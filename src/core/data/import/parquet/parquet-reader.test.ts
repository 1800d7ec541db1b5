// The Parquet reader on files written in the test: values as text, row groups and pages, column
// choice, and named errors (with the file and the column) for files it cannot read.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { memorySource, type ByteSource } from '../byte-source';
import { HeaderOnlyError, InvalidParquetError, MissingColumnError, UnsupportedParquetError, type ImportError } from '../errors';
import { memoryRandomAccess } from '../random-access';
import type { TableOptions, TableRow } from '../table';
import { parquetBytes, textColumns } from './parquet-test-support';
import { readParquet } from './parquet-reader';

async function rows(source: ByteSource, options: Partial<TableOptions> = {}): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const row of readParquet(source, { format: 'parquet', ...options })) out.push(row);
  return out;
}

async function failure(source: ByteSource, options: Partial<TableOptions> = {}): Promise<ImportError> {
  try {
    await rows(source, options);
  } catch (error) {
    return error as ImportError;
  }
  throw new Error('expected the read to fail');
}

/** A source whose reads are recorded, to see what the reader fetches. */
function recordedSource(name: string, bytes: Uint8Array, reads: number[]): ByteSource {
  return {
    name,
    open: () => memorySource(name, bytes).open(),
    random: async () => {
      const inner = memoryRandomAccess(bytes);
      return { ...inner, read: async (start: number, end: number) => { reads.push(end - start); return inner.read(start, end); } };
    },
  };
}

describe('readParquet', () => {
  it('reads every column as text, row numbers as lines, across row groups and pages', async () => {
    const n = 2500;
    const bytes = parquetBytes({
      query: { data: Array.from({ length: n }, (_, i) => `query ${i}`), type: 'STRING' },
      query_id: { data: Array.from({ length: n }, (_, i) => BigInt(i * 1000)), type: 'INT64' },
      small_version: { data: Array.from({ length: n }, (_, i) => i % 2), type: 'INT32' },
      score: { data: Array.from({ length: n }, (_, i) => i / 4), type: 'DOUBLE' },
      brand: { data: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : `b${i % 5}`)), type: 'STRING' },
    }, { rowGroupSize: 700, pageSize: 2000 });
    const read = await rows(memorySource('t.parquet', bytes));
    expect(read).toHaveLength(n);
    expect(read[0].columns).toEqual(['query', 'query_id', 'small_version', 'score', 'brand']);
    const last = read[n - 1];
    expect([last.line, last.value('query'), last.value('query_id'), last.value('small_version'), last.value('score'), last.value('brand')])
      .toEqual([n, `query ${n - 1}`, String((n - 1) * 1000), '1', String((n - 1) / 4), '']);
    expect(read[3].value('brand')).toBe(''); // null is empty, as in JSONL
    expect(read[4].value('brand')).toBe('b4');
    expect(read.map((row) => row.value('query'))).toEqual(Array.from({ length: n }, (_, i) => `query ${i}`));
    expect(read[1800].place('score')).toEqual({ file: 't.parquet', line: 1801, column: 4, columnName: 'score' });
  });

  it('reads only the columns asked for; the others are undefined', async () => {
    const bytes = parquetBytes(textColumns({ a: ['1', '2'], b: ['x', 'y'], c: ['p', 'q'] }));
    const read = await rows(memorySource('t.parquet', bytes), { columns: ['c', 'a'], requiredColumns: ['b'] });
    expect(read[1].columns).toEqual(['c', 'a']);
    expect([read[1].value('a'), read[1].value('b'), read[1].value('c')]).toEqual(['2', undefined, 'q']);
    await expect(rows(memorySource('t.parquet', bytes), { columns: ['c'], requiredColumns: ['d'] })).rejects.toThrow(/missing column "d"/);
  });

  it('reads a large row group a window at a time, each byte about once', async () => {
    const n = 60_000;
    // Text that does not compress away: a hash of the row number in hex, a few times over.
    const text = (i: number) => Array.from({ length: 4 }, (_, k) => Math.imul(i * 4 + k + 1, 2654435761).toString(16)).join(' ').repeat(2);
    const bytes = parquetBytes({ title: { data: Array.from({ length: n }, (_, i) => text(i)), type: 'STRING' } }, { rowGroupSize: n, pageSize: 64 * 1024 });
    expect(bytes.length).toBeGreaterThan(2 << 20);
    const reads: number[] = [];
    let count = 0;
    for await (const row of readParquet(recordedSource('big.parquet', bytes, reads), { format: 'parquet' })) {
      if (row.value('title') !== text(row.line - 1)) throw new Error(`row ${row.line} differs`);
      count++;
    }
    expect(count).toBe(n);
    expect(Math.max(...reads)).toBeLessThanOrEqual(1 << 20);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(bytes.length * 1.2);
  });

  it('reads a stream-only source by holding its bytes', async () => {
    const bytes = parquetBytes(textColumns({ q: ['a', 'b', 'c'] }));
    const streamOnly: ByteSource = { name: 's.parquet', open: () => memorySource('s.parquet', bytes, 5).open() };
    expect((await rows(streamOnly)).map((row) => row.value('q'))).toEqual(['a', 'b', 'c']);
  });

  it('names a missing column with the file and the columns found', async () => {
    const bytes = parquetBytes(textColumns({ query: ['a'], title: ['b'] }));
    const error = await failure(memorySource('examples.parquet', bytes), { requiredColumns: ['query', 'esci_label'] });
    expect(error).toBeInstanceOf(MissingColumnError);
    expect(error.place).toMatchObject({ file: 'examples.parquet', columnName: 'esci_label' });
    expect(error.message).toBe('examples.parquet: column "esci_label": missing column "esci_label"; columns found: "query", "title"');
  });

  it('refuses a truncated file, naming the file', async () => {
    const bytes = parquetBytes(textColumns({ query: Array.from({ length: 100 }, (_, i) => `q${i}`) }));
    for (const cut of [bytes.length - 1, Math.floor(bytes.length / 2), 11]) {
      const error = await failure(memorySource('cut.parquet', bytes.subarray(0, cut)));
      expect(error).toBeInstanceOf(InvalidParquetError);
      expect(error.message).toMatch(/^cut\.parquet: the file (does not end with PAR1: it is cut off|is 11 bytes long)/);
    }
  });

  it('refuses a file that is not Parquet, and an empty one', async () => {
    const error = await failure(memorySource('notes.parquet', 'query,title\na,b\nc,d\n'));
    expect(error).toBeInstanceOf(InvalidParquetError);
    expect(error.message).toBe('notes.parquet: the file does not start with PAR1: it is not a Parquet file');
    expect((await failure(memorySource('empty.parquet', ''))).name).toBe('EmptyFileError');
  });

  it('refuses damaged pages, naming the column and row group', async () => {
    const bytes = parquetBytes(textColumns({ query: Array.from({ length: 50 }, (_, i) => `query number ${i}`), title: Array.from({ length: 50 }, () => 't') }), { statistics: false });
    const damaged = bytes.slice();
    damaged.fill(0xff, 4, 40); // the first page header of the first column
    const error = await failure(memorySource('bad.parquet', damaged));
    expect(error).toBeInstanceOf(InvalidParquetError);
    expect(error.place).toMatchObject({ file: 'bad.parquet', column: 1, columnName: 'query' });
    expect(error.message).toMatch(/^bad\.parquet: column "query": row group 1 of 1 has a page .* the file is damaged$/);
  });

  it('refuses a codec it lacks and a nested column, by name', async () => {
    const gzip = parquetBytes(textColumns({ query: ['a', 'b'] }), { codec: 'GZIP', compressors: { GZIP: (input: Uint8Array) => input } });
    const codec = await failure(memorySource('z.parquet', gzip));
    expect(codec).toBeInstanceOf(UnsupportedParquetError);
    expect(codec.message).toMatch(/^z\.parquet: column "query": is compressed with GZIP; the lab reads UNCOMPRESSED and SNAPPY Parquet/);
    const nested = new Uint8Array(parquetWriteBuffer({
      columnData: [{ name: 'tags', data: [['a'], ['b', 'c']] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    }));
    const list = await failure(memorySource('n.parquet', nested));
    expect(list).toBeInstanceOf(UnsupportedParquetError);
    expect(list.place.columnName).toBe('tags');
  });

  it('says a file with columns and no rows has no rows', async () => {
    const bytes = parquetBytes(textColumns({ query: [] }));
    expect(await failure(memorySource('none.parquet', bytes))).toBeInstanceOf(HeaderOnlyError);
  });
});
