// Opens a Parquet file for reading: checks the PAR1 marks at both ends, reads the footer (schema,
// row groups, where each column chunk sits) with hyparquet, and lists the top-level columns. Only
// the footer is read here; the data pages are read later, a page at a time (column-pages.ts).
import type { FileMetaData, SchemaTree } from 'hyparquet';
import { parquetMetadata, parquetSchema } from 'hyparquet/src/metadata.js';
import { isFlatColumn } from 'hyparquet/src/schema.js';
import { EmptyFileError, importFault, InvalidParquetError } from '../errors';
import type { RandomAccess } from '../random-access';

const MAGIC = 0x31524150; // "PAR1", little-endian

export interface ParquetColumn {
  name: string;
  /** Position among the top-level columns (0-based). */
  index: number;
  /** Root to leaf; a flat column has two entries. */
  schemaPath: SchemaTree[];
  /** A single value per row (not a list, struct or map). */
  flat: boolean;
}

export interface ParquetFile {
  name: string;
  access: RandomAccess;
  metadata: FileMetaData;
  columns: ParquetColumn[];
  rows: number;
}

function magicAt(bytes: Uint8Array, offset: number): boolean {
  return bytes.length >= offset + 4 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true) === MAGIC;
}

function invalid(file: string, problem: string): InvalidParquetError {
  return importFault(InvalidParquetError, { file }, problem);
}

/** Checks that every column chunk lies inside the data part of the file (before the footer). */
function checkChunks(file: string, metadata: FileMetaData, dataEnd: number): void {
  metadata.row_groups.forEach((group, g) => {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta) throw invalid(file, `row group ${g + 1} has a column without metadata (encrypted or damaged footer)`);
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (!(start >= 4 && end <= dataEnd)) {
        throw importFault(InvalidParquetError, { file, columnName: meta.path_in_schema.join('.') }, `row group ${g + 1}: the column's data (bytes ${start} to ${end}) lies outside the file's data (bytes 4 to ${dataEnd}): the file is damaged`);
      }
    }
  });
}

export async function openParquet(file: string, access: RandomAccess): Promise<ParquetFile> {
  const size = access.byteLength;
  if (size === 0) throw importFault(EmptyFileError, { file }, 'the file is empty');
  if (size < 12) throw invalid(file, `the file is ${size} bytes long, too short for Parquet (at least 12 bytes: PAR1, the footer's length, PAR1)`);
  if (!magicAt(await access.read(0, 4), 0)) throw invalid(file, 'the file does not start with PAR1: it is not a Parquet file');
  const tail = await access.read(size - 8, size);
  if (!magicAt(tail, 4)) throw invalid(file, 'the file does not end with PAR1: it is cut off (truncated, e.g. an unfinished download) or not a Parquet file');
  const footerLength = new DataView(tail.buffer, tail.byteOffset, tail.byteLength).getUint32(0, true);
  if (footerLength > size - 12) throw invalid(file, `the footer says it is ${footerLength} bytes long but the file holds only ${size - 12} bytes besides the marks: the file is damaged`);
  const footerStart = size - 8 - footerLength;
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(await access.read(footerStart, size));
  } catch (error) {
    throw invalid(file, `the footer (file metadata) cannot be read: ${error instanceof Error ? error.message : String(error)}; the file is damaged`);
  }
  checkChunks(file, metadata, footerStart);
  const tree = parquetSchema(metadata);
  const columns = tree.children.map((child, index) => {
    const schemaPath = [tree, child];
    return { name: child.element.name, index, schemaPath, flat: isFlatColumn(schemaPath) };
  });
  return { name: file, access, metadata, columns, rows: Number(metadata.num_rows) };
}
