// Shared pieces of the presets: cells for a mapping over one row or over joined rows.
import { importFault, listValues, MissingColumnError, UnknownReferenceError } from '../errors';
import type { ColumnMapping } from '../mapping';
import type { Cell } from '../row-builder';
import type { TableRow } from '../table';

/** The first of `rows` that has the column, as a cell. */
export function cellFrom(rows: readonly TableRow[], column: string): Cell | undefined {
  for (const row of rows) if (row.value(column) !== undefined) return { row, column };
  return undefined;
}

/** Text fields from whichever joined row holds them; columns no row has are left out. */
export function fieldCells(rows: readonly TableRow[], columns: readonly string[]): [string, Cell][] {
  const cells: [string, Cell][] = [];
  for (const column of columns) {
    const cell = cellFrom(rows, column);
    if (cell) cells.push([column, cell]);
  }
  return cells;
}

/** Group columns must exist in one of the joined rows: an OOD rule may depend on them. */
export function attributeCells(rows: readonly TableRow[], mapping: ColumnMapping, required = true): [string, Cell][] {
  const cells: [string, Cell][] = [];
  for (const column of mapping.group) {
    const cell = cellFrom(rows, column);
    if (!cell && !required) continue;
    if (!cell) {
      const found = [...new Set(rows.flatMap((row) => row.columns))];
      throw importFault(MissingColumnError, { file: rows[0].file, line: rows[0].line }, `group column ${JSON.stringify(column)} is in none of the joined files; columns found: ${listValues(found, 50)}`, { found });
    }
    cells.push([column, cell]);
  }
  return cells;
}

/** Looks up a joined row or rejects the referring row, naming the file that lacks the key. */
export function referenced(table: ReadonlyMap<string, TableRow>, key: string, from: Cell, lookupFile: string): TableRow {
  const row = table.get(key);
  if (row) return row;
  const value = from.row.value(from.column) ?? '';
  throw importFault(UnknownReferenceError, from.row.place(from.column), `${from.column} ${JSON.stringify(value)} is not in ${lookupFile}`);
}

export function names(sources: readonly { name: string }[]): string {
  return sources.map((source) => source.name).join(', ');
}
