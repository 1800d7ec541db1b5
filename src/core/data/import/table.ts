// One record of an imported table, whatever the file format: its physical line, its values by
// column name, and where each value sits (for messages).
import type { Place } from './errors';

export interface TableRow {
  readonly file: string;
  /** Physical line (1-based) where the record starts. */
  readonly line: number;
  /** Column names of this record: the header for CSV/TSV, the keys for JSONL. */
  readonly columns: readonly string[];
  /** The value of a column as text, or undefined when the record has no such column. */
  value(column: string): string | undefined;
  /** Where a column's value sits. */
  place(column: string): Place;
}

export type TableFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

export interface TableOptions {
  format: TableFormat;
  /** Field separator for csv (default ","); tsv always uses a tab. */
  delimiter?: string;
  /** Columns every record must have; checked on the header (CSV/TSV, Parquet) or on every line (JSONL). */
  requiredColumns?: readonly string[];
  /**
   * The columns the reader will ask rows for. Parquet reads only these (required columns it does not
   * list are checked to exist, not read), so a row's value of any other column is undefined; the
   * text formats read every column anyway.
   */
  columns?: readonly string[];
  /** A record longer than this (characters) is rejected; guards against runaway quotes. */
  maxRecordChars?: number;
  /** Extra advice appended to "missing column" messages (e.g. "this preset expects tabs"). */
  missingColumnHint?: string;
}

export const DEFAULT_MAX_RECORD_CHARS = 1_000_000;

/** True for a file name the lab reads as Parquet (.parquet, .parq, .pq), whatever the preset. */
export function isParquetName(name: string): boolean {
  return /\.(parquet|parq|pq)$/i.test(name);
}

/** Guesses the format from a file name: .parquet -> parquet, .tsv/.tab -> tsv, .jsonl/.ndjson -> jsonl, else csv. */
export function formatFromName(name: string): TableFormat {
  const lower = name.toLowerCase();
  if (isParquetName(lower)) return 'parquet';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return 'csv';
}
