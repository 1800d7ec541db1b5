// Reads a Parquet file as a stream of TableRows, a row group at a time and within it a page at a
// time per column (column-pages.ts), so memory holds a page per column read, not the file. The
// "line" of a row is its row number (1-based) and its "column" the column's position, so messages
// keep the file:line:column form of the text formats.
import type { DecodedArray } from 'hyparquet';
import type { ByteSource } from '../byte-source';
import type { DecodeOptions } from '../decode-text';
import { HeaderOnlyError, importFault, InvalidParquetError, listValues, MissingColumnError, UnsupportedParquetError, type Place } from '../errors';
import { countedRandomAccess, memoryRandomAccess, type RandomAccess } from '../random-access';
import type { TableOptions, TableRow } from '../table';
import { ColumnPages } from './column-pages';
import { openParquet, type ParquetColumn, type ParquetFile } from './parquet-file';
import { parquetText } from './parquet-values';

class ParquetRow implements TableRow {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly columns: readonly string[],
    private readonly read: ReadonlyMap<string, number>,
    private readonly positions: readonly number[],
    private readonly values: readonly string[],
  ) {}

  value(column: string): string | undefined {
    const i = this.read.get(column);
    return i === undefined ? undefined : this.values[i];
  }

  place(column: string): Place {
    const i = this.read.get(column);
    return { file: this.file, line: this.line, column: i === undefined ? undefined : this.positions[i] + 1, columnName: column };
  }
}

/** A stream-only source is read into memory whole (sources from files and blobs read at offsets instead). */
async function bufferedAccess(source: ByteSource): Promise<RandomAccess> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.open()) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return memoryRandomAccess(bytes);
}

/** The columns to read: the ones asked for that the file has, else all; the required ones must exist either way. */
function chooseColumns(file: ParquetFile, options: TableOptions): ParquetColumn[] {
  const byName = new Map(file.columns.map((column) => [column.name, column]));
  for (const required of options.requiredColumns ?? []) {
    if (byName.has(required)) continue;
    const found = file.columns.map((column) => column.name);
    throw importFault(MissingColumnError, { file: file.name, columnName: required }, `missing column ${JSON.stringify(required)}; columns found: ${listValues(found, 50)}${options.missingColumnHint ? ` ${options.missingColumnHint}` : ''}`, { found });
  }
  const wanted = options.columns ? [...new Set(options.columns)] : file.columns.map((column) => column.name);
  const chosen = wanted.map((name) => byName.get(name)).filter((column): column is ParquetColumn => column !== undefined);
  for (const column of chosen) {
    if (!column.flat) {
      throw importFault(UnsupportedParquetError, { file: file.name, column: column.index + 1, columnName: column.name }, 'is a nested column (a list, struct or map); the lab reads columns with one plain value per row');
    }
  }
  return chosen;
}

async function* rowGroupRows(file: ParquetFile, group: number, columns: ParquetColumn[], firstRow: number): AsyncGenerator<TableRow> {
  const names = columns.map((column) => column.name);
  const index = new Map(names.map((name, i) => [name, i]));
  const positions = columns.map((column) => column.index);
  const cursors = columns.map((column) => new ColumnPages(file, group, column));
  const pages: DecodedArray[] = columns.map(() => []);
  const offsets = columns.map(() => 0);
  const rows = Number(file.metadata.row_groups[group].num_rows);
  for (let r = 0; r < rows; r++) {
    const values = new Array<string>(columns.length);
    for (let k = 0; k < columns.length; k++) {
      while (offsets[k] >= pages[k].length) {
        const page = await cursors[k].next();
        if (page === null) {
          throw importFault(InvalidParquetError, { file: file.name, line: firstRow + r + 1, column: positions[k] + 1, columnName: names[k] }, `row group ${group + 1} holds ${rows} rows but this column ends after ${r}: the file is damaged`);
        }
        pages[k] = page;
        offsets[k] = 0;
      }
      values[k] = parquetText(pages[k][offsets[k]++]);
    }
    yield new ParquetRow(file.name, firstRow + r + 1, names, index, positions, values);
  }
}

/** Reads a Parquet file as a stream of TableRows. Any fault stops the file (Parquet has no bad rows, only a bad file). */
export async function* readParquet(source: ByteSource, options: TableOptions, decode: DecodeOptions = {}): AsyncGenerator<TableRow> {
  let bytesRead = 0;
  const raw = source.random ? await source.random() : await bufferedAccess(source);
  const access = countedRandomAccess(raw, (bytes) => {
    bytesRead += bytes;
    decode.onBytes?.(bytesRead);
  });
  try {
    const file = await openParquet(source.name, access);
    const columns = chooseColumns(file, options);
    if (file.rows === 0) throw importFault(HeaderOnlyError, { file: file.name }, 'the file has columns but no rows');
    let firstRow = 0;
    for (let group = 0; group < file.metadata.row_groups.length; group++) {
      yield* rowGroupRows(file, group, columns, firstRow);
      firstRow += Number(file.metadata.row_groups[group].num_rows);
    }
  } finally {
    await access.close();
  }
}
