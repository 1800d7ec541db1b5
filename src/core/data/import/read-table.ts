// Opens any importable table file as a stream of TableRows.
import type { ByteSource } from './byte-source';
import type { DecodeOptions } from './decode-text';
import { readDelimited } from './delimited-reader';
import type { FaultPolicy } from './fault-policy';
import { readJsonl } from './jsonl-reader';
import type { TableOptions, TableRow } from './table';

export function readTable(source: ByteSource, options: TableOptions, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<TableRow> {
  return options.format === 'jsonl' ? readJsonl(source, options, policy, decode) : readDelimited(source, options, policy, decode);
}
