// The lines of a JSONL file, streamed, each parsed to a JSON object or turned into a named fault
// with its line and column.
import type { ByteSource } from './byte-source';
import { decodeText, type DecodeOptions } from './decode-text';
import { DuplicateKeyError, EmptyFileError, importFault, JsonShapeError, JsonTooDeepError, MalformedJsonError, quoteValue, RecordTooLongError, type ImportError } from './errors';
import { scanJson, type JsonScanFault } from './json-scan';
import { DEFAULT_MAX_RECORD_CHARS } from './table';

export interface JsonLine {
  line: number;
  text: string;
}

/** Non-blank lines with their physical line numbers. Throws on a runaway line, and on an empty file unless allowed. */
export async function* jsonlLines(source: ByteSource, decode: DecodeOptions = {}, maxRecordChars = DEFAULT_MAX_RECORD_CHARS, allowEmpty = false): AsyncGenerator<JsonLine> {
  const file = source.name;
  // The unfinished line so far, in pieces: only new text is searched for a line break, so a long
  // line arriving in many small chunks costs time in proportion to its length.
  let pieces: string[] = [];
  let partialLength = 0;
  let line = 1;
  let sawText = false;
  for await (const text of decodeText(file, source.open(), decode)) {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      pieces.push(text.slice(start, end));
      const lineText = pieces.length === 1 ? pieces[0] : pieces.join('');
      pieces = [];
      partialLength = 0;
      if (lineText.trim() !== '') {
        sawText = true;
        yield { line, text: lineText };
      }
      line++;
      start = end + 1;
    }
    if (start < text.length) {
      pieces.push(text.slice(start));
      partialLength += text.length - start;
    }
    if (partialLength > maxRecordChars) {
      throw importFault(RecordTooLongError, { file, line, column: 1 }, `this line is longer than ${maxRecordChars} characters (the limit)`, { limit: maxRecordChars });
    }
  }
  const partial = pieces.join('');
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
  const fault = scanJson(text);
  if (fault) return jsonFault(file, line, text, fault);
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return importFault(JsonShapeError, { file, line, column: 1 }, `expected a JSON object on each line, found ${describeJsonType(value)}`);
  }
  return value as Record<string, unknown>;
}

function jsonFault(file: string, line: number, text: string, fault: JsonScanFault): ImportError {
  const place = { file, line, column: fault.index + 1 };
  switch (fault.kind) {
    case 'too-deep':
      return importFault(JsonTooDeepError, place, `the JSON is nested more than ${fault.limit} levels deep (the limit)`, { limit: fault.limit });
    case 'duplicate-key':
      return importFault(DuplicateKeyError, place, `duplicate key ${quoteValue(fault.key)} (first at column ${fault.firstIndex + 1}): an object may name a key once`, { key: fault.key });
    case 'syntax': {
      const what = fault.index >= text.length ? 'the line ends before the JSON value does' : `unexpected ${JSON.stringify(text[fault.index])}`;
      return importFault(MalformedJsonError, place, `malformed JSON: ${what}`);
    }
  }
}
