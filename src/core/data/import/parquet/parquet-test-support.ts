// Parquet files for tests, written in memory with hyparquet-writer (a dev dependency: only tests
// and the benchmark import this file).
import { parquetWriteBuffer } from 'hyparquet-writer';

type Writer = Parameters<typeof parquetWriteBuffer>[0];
/** Columns by name; without a type, hyparquet-writer guesses it from the data (lists become nested columns). */
export type ParquetColumns = Record<string, { data: unknown[]; type?: 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOLEAN' }>;

/** A Parquet file of the given columns; small row groups and pages exercise the paging paths. */
export function parquetBytes(columns: ParquetColumns, options: Partial<Omit<Writer, 'columnData'>> = {}): Uint8Array<ArrayBuffer> {
  const columnData = Object.entries(columns).map(([name, { data, type }]) => ({ name, data, type }));
  return new Uint8Array(parquetWriteBuffer({ columnData, ...options } as Writer));
}

/** Text columns (every value a string or null). */
export function textColumns(columns: Record<string, (string | null)[]>): ParquetColumns {
  return Object.fromEntries(Object.entries(columns).map(([name, data]) => [name, { data, type: 'STRING' as const }]));
}
