// One column chunk of one row group, read a page at a time: the page header, then the page's bytes,
// fetched from the file as they are needed (a window of about 1 MiB, or one page if larger), decoded
// by hyparquet. Memory is a window and a page per column, not the column chunk: the official ESCI
// files hold a million rows or more in one row group.
import type { DataReader, DecodedArray, PageHeader } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { importFault, InvalidParquetError, UnsupportedParquetError } from '../errors';
import type { ParquetColumn, ParquetFile } from './parquet-file';

type ColumnDecoder = Parameters<typeof readPage>[2];

const WINDOW_BYTES = 1 << 20;
/** Page headers are a few dozen bytes (a few KiB with statistics); past this the chunk is damaged. */
const MAX_HEADER_BYTES = 16 << 20;
/** Writers aim at pages of about 1 MiB; a page claiming more than this is damaged (and would be allocated). */
const MAX_PAGE_BYTES = 1 << 30;
/** Snappy expands at most about 21 times (a 3-byte copy gives 64 bytes); 64 leaves room. */
const MAX_EXPANSION = { UNCOMPRESSED: 1, SNAPPY: 64 } as const;

const isCount = (value: unknown, max = Number.MAX_SAFE_INTEGER): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;
export const SUPPORTED_CODECS = ['UNCOMPRESSED', 'SNAPPY'] as const;

export class ColumnPages {
  private readonly decoder: ColumnDecoder;
  private position: number;
  private readonly end: number;
  private buffer: Uint8Array = new Uint8Array(0);
  private bufferStart = 0;
  private dictionary: DecodedArray | undefined;
  private readonly where: string;
  /** Rows of the row group this column has not yet given: a page may not claim more. */
  private rowsLeft: number;

  constructor(private readonly file: ParquetFile, group: number, private readonly column: ParquetColumn, private readonly windowBytes = WINDOW_BYTES) {
    const chunk = file.metadata.row_groups[group].columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column.name);
    this.where = `row group ${group + 1} of ${file.metadata.row_groups.length}`;
    this.rowsLeft = Number(file.metadata.row_groups[group].num_rows);
    if (!chunk?.meta_data) throw this.invalid('has no data for this column');
    const meta = chunk.meta_data;
    if (!(SUPPORTED_CODECS as readonly string[]).includes(meta.codec)) {
      throw importFault(UnsupportedParquetError, this.place(), `is compressed with ${meta.codec}; the lab reads ${SUPPORTED_CODECS.join(' and ')} Parquet (pandas' and pyarrow's default is SNAPPY): write the file again with compression="snappy"`, { codec: meta.codec });
    }
    this.position = Number(meta.dictionary_page_offset || meta.data_page_offset);
    this.end = this.position + Number(meta.total_compressed_size);
    const element = column.schemaPath[column.schemaPath.length - 1].element;
    this.decoder = { pathInSchema: [column.name], type: meta.type, element, schemaPath: column.schemaPath, codec: meta.codec, parsers: DEFAULT_PARSERS, utf8: true };
  }

  private place() {
    return { file: this.file.name, column: this.column.index + 1, columnName: this.column.name };
  }

  private invalid(problem: string): InvalidParquetError {
    return importFault(InvalidParquetError, this.place(), `${this.where} ${problem}: the file is damaged`);
  }

  /** Makes bytes [at, at + length) of the file available in the buffer. */
  private async ensure(at: number, length: number): Promise<void> {
    if (at >= this.bufferStart && at + length <= this.bufferStart + this.buffer.length) return;
    const want = Math.min(Math.max(length, this.windowBytes), this.end - at);
    this.buffer = await this.file.access.read(at, at + want);
    this.bufferStart = at;
    if (this.buffer.length < length) throw this.invalid(`ends before its last page (byte ${at + this.buffer.length} of the file)`);
  }

  private readerAt(at: number): DataReader {
    return { view: new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength), offset: at - this.bufferStart };
  }

  /** Reads the page header at the current position; returns it and where the page's bytes start. */
  private async header(): Promise<{ header: PageHeader; dataAt: number }> {
    let want = Math.min(64 * 1024, this.end - this.position);
    for (;;) {
      await this.ensure(this.position, want);
      const reader = this.readerAt(this.position);
      try {
        const header = parquetHeader(reader);
        const dataAt = this.bufferStart + reader.offset;
        if (!(header.compressed_page_size >= 0) || dataAt + header.compressed_page_size > this.end) {
          throw this.invalid(`has a page (at byte ${this.position}) that runs past the end of the column's data`);
        }
        return { header, dataAt };
      } catch (error) {
        if (error instanceof InvalidParquetError) throw error;
        if (want >= this.end - this.position || want >= MAX_HEADER_BYTES) throw this.invalid(`has a page header (at byte ${this.position}) that cannot be read (${error instanceof Error ? error.message : String(error)})`);
        want = Math.min(want * 4, this.end - this.position);
      }
    }
  }

  /**
   * Refuses a page header whose counts and sizes cannot be right, before hyparquet decodes the page:
   * a damaged length field would otherwise make it allocate or loop on what the field claims.
   */
  private checkHeader(header: PageHeader, at: number): void {
    const bad = (what: string) => this.invalid(`has a page (at byte ${at}) whose header is damaged (${what})`);
    const expansion = MAX_EXPANSION[this.decoder.codec as keyof typeof MAX_EXPANSION];
    if (!isCount(header.uncompressed_page_size, Math.min(MAX_PAGE_BYTES, header.compressed_page_size * expansion + 4096))) {
      throw bad(`${header.uncompressed_page_size} bytes uncompressed from ${header.compressed_page_size}`);
    }
    if (header.type === 'DICTIONARY_PAGE' && !isCount(header.dictionary_page_header?.num_values, header.uncompressed_page_size)) throw bad('dictionary size');
    if (header.type === 'DATA_PAGE' && !isCount(header.data_page_header?.num_values, this.rowsLeft)) throw bad(`${header.data_page_header?.num_values} values, ${this.rowsLeft} rows left`);
    if (header.type === 'DATA_PAGE_V2') {
      const v2 = header.data_page_header_v2;
      if (!v2 || !isCount(v2.num_values, this.rowsLeft) || !isCount(v2.num_rows, this.rowsLeft) || !isCount(v2.num_nulls, v2.num_values)) throw bad(`${v2?.num_values} values, ${this.rowsLeft} rows left`);
      const levels = (v2.definition_levels_byte_length ?? -1) + (v2.repetition_levels_byte_length ?? -1);
      if (!isCount(v2.definition_levels_byte_length) || !isCount(v2.repetition_levels_byte_length) || levels > header.compressed_page_size) throw bad('level lengths');
    }
  }

  /** The values of the next data page (one per row), or null after the last page of the chunk. */
  async next(): Promise<DecodedArray | null> {
    while (this.position < this.end) {
      const { header, dataAt } = await this.header();
      if (header.type !== 'DICTIONARY_PAGE' && header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') {
        this.position = dataAt + header.compressed_page_size; // index pages carry no values
        continue;
      }
      this.checkHeader(header, this.position);
      await this.ensure(dataAt, header.compressed_page_size);
      let result;
      try {
        result = readPage(this.readerAt(dataAt), header, this.decoder, this.dictionary, undefined, 0);
      } catch (error) {
        throw this.invalid(`has a page (at byte ${this.position}) that cannot be decoded (${error instanceof Error ? error.message : String(error)})`);
      }
      this.position = dataAt + header.compressed_page_size;
      if (header.type === 'DICTIONARY_PAGE') {
        if (result.data) this.dictionary = convert(result.data, this.decoder);
        continue;
      }
      const values = result.data ?? [];
      this.rowsLeft -= values.length;
      return values;
    }
    return null;
  }
}
