// Streaming JSONL reader: one JSON object per line; its keys are the columns. Text and numbers are
// taken as text; a required column must hold one of those.
import type { ByteSource } from './byte-source';
import type { DecodeOptions } from './decode-text';
import { ImportError, importFault, JsonShapeError, listValues, MissingColumnError, type Place } from './errors';
import type { FaultPolicy } from './fault-policy';
import { describeJsonType, jsonlLines, parseJsonObject } from './jsonl-lines';
import type { TableOptions, TableRow } from './table';

function asText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Column of a key in a line of JSON (where its name starts), for messages. */
export function keyColumn(raw: string, key: string): number {
  const at = raw.indexOf(`${JSON.stringify(key)}`);
  return at === -1 ? 1 : at + 1;
}

class JsonRow implements TableRow {
  readonly columns: readonly string[];
  constructor(readonly file: string, readonly line: number, private readonly record: Record<string, unknown>, private readonly raw: string) {
    this.columns = Object.keys(record);
  }
  value(column: string): string | undefined {
    return Object.hasOwn(this.record, column) ? asText(this.record[column]) : undefined;
  }
  place(column: string): Place {
    return { file: this.file, line: this.line, column: keyColumn(this.raw, column), columnName: column };
  }
}

/** Reads a JSONL file as a stream of TableRows. Whole-file faults throw; line faults go to `policy`. */
export async function* readJsonl(source: ByteSource, options: TableOptions, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<TableRow> {
  const file = source.name;
  const required = options.requiredColumns ?? [];
  lines: for await (const jsonLine of jsonlLines(source, decode, options.maxRecordChars)) {
    const record = parseJsonObject(file, jsonLine);
    if (record instanceof ImportError) {
      policy.reject(record);
      continue;
    }
    const row = new JsonRow(file, jsonLine.line, record, jsonLine.text);
    for (const column of required) {
      if (!Object.hasOwn(record, column)) {
        const found = Object.keys(record);
        policy.reject(importFault(MissingColumnError, { file, line: jsonLine.line, column: 1 }, `missing key ${JSON.stringify(column)}; keys found: ${listValues(found, 50)}`, { found }));
        continue lines;
      }
      const held = record[column];
      if (held !== null && typeof held === 'object') {
        policy.reject(importFault(JsonShapeError, row.place(column), `holds ${describeJsonType(held)}; expected text or a number`));
        continue lines;
      }
    }
    yield row;
  }
}
