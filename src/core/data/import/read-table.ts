// Opens any importable table file as a stream of TableRows. A file named .parquet is read as Parquet
// whatever format the preset reads its other files in, so every preset takes Parquet files.
import type { ByteSource } from './byte-source';
import type { DecodeOptions } from './decode-text';
import { readDelimited } from './delimited-reader';
import type { FaultPolicy } from './fault-policy';
import { readJsonl } from './jsonl-reader';
import { readParquet } from './parquet/parquet-reader';
import { isParquetName, type TableOptions, type TableRow } from './table';

export function readTable(source: ByteSource, options: TableOptions, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<TableRow> {
  if (options.format === 'parquet' || isParquetName(source.name)) return readParquet(source, options, decode);
  return options.format === 'jsonl' ? readJsonl(source, options, policy, decode) : readDelimited(source, options, policy, decode);
}
