// Loads a lookup table (queries, products, descriptions) into memory by key, for joining.
import type { ByteSource } from './byte-source';
import type { DecodeOptions } from './decode-text';
import { DuplicateIdError, formatPlace, importFault } from './errors';
import type { FaultPolicy } from './fault-policy';
import { readTable } from './read-table';
import { keepColumns } from './stored-row';
import type { TableOptions, TableRow } from './table';

export interface LookupSpec {
  table: TableOptions;
  /** The key column(s), named in messages and required in the header. */
  keyColumns: readonly string[];
  /** The key of a row (default: the key columns' values joined with "\u0000"). */
  keyOf?: (row: TableRow) => string;
  /** Columns to keep (the key columns are kept too); a Parquet file reads only these. */
  keep: readonly string[];
  /** Rows to leave out (e.g. another locale); it and keyOf see only the kept columns of a Parquet file. */
  include?: (row: TableRow) => boolean;
}

export function lookupKey(row: TableRow, columns: readonly string[]): string {
  return columns.map((column) => (row.value(column) ?? '').trim()).join('\u0000');
}

export async function loadLookup(sources: readonly ByteSource[], spec: LookupSpec, policy: FaultPolicy, decode: DecodeOptions): Promise<Map<string, TableRow>> {
  const table = new Map<string, TableRow>();
  const keep = [...new Set([...spec.keyColumns, ...spec.keep])];
  for (const source of sources) {
    for await (const row of readTable(source, { ...spec.table, columns: keep, requiredColumns: [...new Set([...spec.keyColumns, ...(spec.table.requiredColumns ?? [])])] }, policy, decode)) {
      if (spec.include && !spec.include(row)) continue;
      const key = spec.keyOf ? spec.keyOf(row) : lookupKey(row, spec.keyColumns);
      const earlier = table.get(key);
      if (earlier) {
        const shown = spec.keyColumns.map((c) => row.value(c)).join(', ');
        policy.reject(importFault(DuplicateIdError, row.place(spec.keyColumns[0]), `duplicate ${spec.keyColumns.join('+')} ${JSON.stringify(shown)}: already defined at ${formatPlace(earlier)}`));
        continue;
      }
      table.set(key, keepColumns(row, keep));
    }
  }
  return table;
}
