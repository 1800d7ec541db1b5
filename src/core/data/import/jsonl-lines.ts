// The lines of a JSONL file, streamed, each parsed to a JSON object or turned into a named fault
// with its line and column.
import type { ByteSource } from './byte-source';
import { decodeText, type DecodeOptions } from './decode-text';
import { EmptyFileError, importFault, JsonShapeError, MalformedJsonError, RecordTooLongError, type ImportError } from './errors';
import { jsonErrorIndex } from './json-error-index';
import { DEFAULT_MAX_RECORD_CHARS } from './table';

export interface JsonLine {
  line: number;
  text: string;
}

/** Non-blank lines with their physical line numbers. Throws on a runaway line, and on an empty file unless allowed. */
export async function* jsonlLines(source: ByteSource, decode: DecodeOptions = {}, maxRecordChars = DEFAULT_MAX_RECORD_CHARS, allowEmpty = false): AsyncGenerator<JsonLine> {
  const file = source.name;
  let partial = '';
  let line = 1;
  let sawText = false;
  for await (const text of decodeText(file, source.open(), decode)) {
    const aggregate = partial + text;
    let start = 0;
    for (let end = aggregate.indexOf('\n'); end !== -1; end = aggregate.indexOf('\n', start)) {
      const lineText = aggregate.slice(start, end);
      if (lineText.trim() !== '') {
        sawText = true;
        yield { line, text: lineText };
      }
      line++;
      start = end + 1;
    }
    partial = aggregate.slice(start);
    if (partial.length > maxRecordChars) {
      throw importFault(RecordTooLongError, { file, line, column: 1 }, `this line is longer than ${maxRecordChars} characters (the limit)`, { limit: maxRecordChars });
    }
  }
  if (partial.trim() !== '') {
    sawText = true;
    yield { line, text: partial };
  }
  if (!sawText && !allowEmpty) throw importFault(EmptyFileError, { file }, 'the file is empty');
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : typeof value;
}

/** The line's JSON object, or the fault that says why it is not one. */
export function parseJsonObject(file: string, { line, text }: JsonLine): Record<string, unknown> | ImportError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const index = jsonErrorIndex(text);
    const column = (index === -1 ? text.length : index) + 1;
    const what = index === -1 || index >= text.length ? 'the line ends before the JSON value does' : `unexpected ${JSON.stringify(text[index])}`;
    return importFault(MalformedJsonError, { file, line, column }, `malformed JSON: ${what} (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return importFault(JsonShapeError, { file, line, column: 1 }, `expected a JSON object on each line, found ${describeJsonType(value)}`);
  }
  return value as Record<string, unknown>;
}
