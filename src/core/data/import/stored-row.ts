// A TableRow trimmed to the columns a join needs, so a products table held in memory does not keep
// every long column of every product.
import type { Place } from './errors';
import type { TableRow } from './table';

class StoredRow implements TableRow {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly columns: readonly string[],
    private readonly values: ReadonlyMap<string, string>,
    private readonly places: ReadonlyMap<string, Place>,
  ) {}
  value(column: string): string | undefined {
    return this.values.get(column);
  }
  place(column: string): Place {
    return this.places.get(column) ?? { file: this.file, line: this.line, columnName: column };
  }
}

export function keepColumns(row: TableRow, columns: readonly string[]): TableRow {
  const values = new Map<string, string>();
  const places = new Map<string, Place>();
  for (const column of columns) {
    const value = row.value(column);
    if (value === undefined) continue;
    values.set(column, value);
    places.set(column, row.place(column));
  }
  return new StoredRow(row.file, row.line, [...values.keys()], values, places);
}
