// Streaming CSV/TSV reader on papaparse's core Parser: text arrives chunk by chunk, complete records
// leave as TableRows with the physical line they start on (records may span lines inside quotes),
// and the unfinished last record is carried into the next chunk.
import Papa from 'papaparse';
import type { ByteSource } from './byte-source';
import { decodeText, type DecodeOptions } from './decode-text';
import {
  BlankColumnNameError, DuplicateColumnError, EmptyFileError, FieldCountError, HeaderOnlyError, importFault,
  listValues, MalformedQuoteError, MissingColumnError, RecordTooLongError, UnterminatedQuoteError, type Place,
} from './errors';
import type { FaultPolicy } from './fault-policy';
import { QuotedFieldSkim } from './quoted-field-skim';
import { DEFAULT_MAX_FIELD_CHARS } from './row-builder';
import { DEFAULT_MAX_RECORD_CHARS, type TableOptions, type TableRow } from './table';

interface ParsedRecord {
  fields: string[];
  start: number;
  end: number;
  errors: { code: string; index: number }[];
}

/** Line and column of `index` in `text`, given the line `text` starts on. */
function locate(text: string, from: number, fromLine: number, index: number): { line: number; column: number } {
  let line = fromLine;
  let lineStart = from;
  for (let i = text.indexOf('\n', from); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function countBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

class DelimitedRow implements TableRow {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly columns: readonly string[],
    private readonly index: ReadonlyMap<string, number>,
    private readonly fields: readonly string[],
  ) {}

  value(column: string): string | undefined {
    const i = this.index.get(column);
    return i === undefined ? undefined : this.fields[i];
  }

  place(column: string): Place {
    const i = this.index.get(column) ?? 0;
    // Quoted fields before this one may hold line breaks: the value starts that many lines later.
    let line = this.line;
    for (let k = 0; k < i; k++) line += countBreaks(this.fields[k]);
    return { file: this.file, line, column: i + 1, columnName: column };
  }
}

function checkHeader(file: string, line: number, header: string[], options: TableOptions, delimiter: string): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const place = { file, line, column: i + 1 };
    if (name === '') throw importFault(BlankColumnNameError, place, `column ${i + 1} of the header has no name`);
    if (index.has(name)) throw importFault(DuplicateColumnError, place, `column name ${JSON.stringify(name)} appears twice in the header (columns ${index.get(name)! + 1} and ${i + 1})`);
    index.set(name, i);
  });
  for (const required of options.requiredColumns ?? []) {
    if (index.has(required)) continue;
    let hint = options.missingColumnHint ? ` ${options.missingColumnHint}` : '';
    if (header.length === 1) {
      const other = delimiter === '\t' ? (header[0].includes(',') ? 'commas' : '') : header[0].includes('\t') ? 'tabs' : '';
      if (other) hint += ` The header has ${other} but the file is read with ${delimiter === '\t' ? 'tabs' : JSON.stringify(delimiter)} between fields: is the separator right?`;
    }
    throw importFault(MissingColumnError, { file, line, column: 1 }, `missing column ${JSON.stringify(required)}; columns found: ${listValues(header, 50)}.${hint}`, { found: header });
  }
  return index;
}

/** Reads a CSV/TSV file as a stream of TableRows. Whole-file faults throw; row faults go to `policy`. */
export async function* readDelimited(source: ByteSource, options: TableOptions, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<TableRow> {
  const file = source.name;
  const delimiter = options.format === 'tsv' ? '\t' : options.delimiter ?? ',';
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let records: ParsedRecord[] = [];
  let previousEnd = 0;
  const parser = new Papa.Parser({
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: (results: Papa.ParseStepResult<string[]>) => {
      const end = results.meta.cursor;
      records.push({ fields: (results.data as unknown as string[][])[0], start: previousEnd, end, errors: results.errors as never });
      previousEnd = end;
    },
  });

  let partial = '';
  let partialLine = 1;
  let header: string[] | null = null;
  let headerLine = 0;
  let columnIndex = new Map<string, number>();
  let dataRows = 0;
  let rejectedRows = 0;
  let sawText = false;

  const unterminated = (text: string, index: number, fromLine: number): UnterminatedQuoteError => {
    const at = locate(text, 0, fromLine, index);
    return importFault(UnterminatedQuoteError, { file, line: at.line, column: at.column }, 'a quoted field starts here and its closing quote never comes (unterminated quote)');
  };

  const chunks = decodeText(file, source.open(), decode);
  let final = false;
  const iterator = chunks[Symbol.asyncIterator]();
  while (!final) {
    let text = '';
    // Each parse starts again at the unfinished record: read at least as much new text as it holds,
    // so a long record arriving in small chunks costs linear time, not quadratic.
    do {
      const next = await iterator.next();
      final = next.done === true;
      if (!final) text += next.value;
    } while (!final && text.length < partial.length);
    if (text.trim() !== '') sawText = true;
    const aggregate = partial + text;
    records = [];
    previousEnd = 0;
    parser.parse(aggregate, 0, !final);

    let scanPos = 0;
    let scanLine = partialLine;
    for (const record of records) {
      for (let i = aggregate.indexOf('\n', scanPos); i !== -1 && i < record.start; i = aggregate.indexOf('\n', i + 1)) scanLine++;
      scanPos = record.start;
      const line = scanLine;
      const badQuote = record.errors.find((error) => error.code === 'InvalidQuotes');
      const missing = record.errors.find((error) => error.code === 'MissingQuotes');
      if (badQuote) {
        // A quoted field with text after its closing quote; if its quotes never balance, nothing after it can be read.
        const at = locate(aggregate, record.start, scanLine, Math.max(record.start, badQuote.index - 1));
        const fault = importFault(MalformedQuoteError, { file, line: at.line, column: at.column }, `the quoted field starting here has text after its closing quote (write a quote inside a quoted field as "")${missing ? '; its quotes never balance, so the rest of the file cannot be read' : ''}`);
        if (missing) throw fault;
        rejectedRows++;
        policy.reject(fault);
        continue;
      }
      if (missing) throw unterminated(aggregate, Math.max(0, missing.index - 1), partialLine);
      const fields = record.fields;
      if (fields.length === 1 && fields[0].trim() === '') continue; // blank line
      if (header === null) {
        header = fields.map((name) => name.trim());
        headerLine = line;
        columnIndex = checkHeader(file, line, header, options, delimiter);
        continue;
      }
      if (fields.length !== header.length) {
        const column = Math.min(fields.length, header.length) + 1;
        rejectedRows++;
        policy.reject(importFault(FieldCountError, { file, line, column }, `expected ${header.length} fields as in the header, found ${fields.length}`, { expected: header.length, found: fields.length }));
        continue;
      }
      dataRows++;
      yield new DelimitedRow(file, line, header, columnIndex, fields);
    }
    const consumed = records.length ? records[records.length - 1].end : 0;
    for (let i = aggregate.indexOf('\n', scanPos); i !== -1 && i < consumed; i = aggregate.indexOf('\n', i + 1)) scanLine++;
    partialLine = records.length ? scanLine : partialLine;
    partial = aggregate.slice(consumed);
    if (partial.length > maxRecordChars) {
      const probe = new Papa.Parser({ delimiter, newline: '\n', quoteChar: '"' }).parse(partial, 0, false) as Papa.ParseResult<string[]>;
      const missing = probe.errors.find((error) => error.code === 'MissingQuotes');
      if (!missing) throw importFault(RecordTooLongError, { file, line: partialLine, column: 1 }, `the record starting here is longer than ${maxRecordChars} characters (the limit)`, { limit: maxRecordChars });
      // A quoted field is still open: read on (without keeping it) to see whether it ever closes.
      const quoteAt = Math.max(0, (missing.index ?? 1) - 1);
      const skim = new QuotedFieldSkim();
      let closed = skim.feed(partial.slice(quoteAt + 1));
      for (let next = await iterator.next(); !closed && next.done !== true; next = await iterator.next()) closed = skim.feed(next.value);
      if (!closed && !skim.closedAtEnd()) throw unterminated(partial, quoteAt, partialLine);
      const at = locate(partial, 0, partialLine, quoteAt);
      throw importFault(
        RecordTooLongError,
        { file, line: at.line, column: at.column },
        `the quoted field starting here is ${skim.length} characters long; the limit is ${maxRecordChars} characters for a record (a field may hold at most --max-field-chars, default ${DEFAULT_MAX_FIELD_CHARS})`,
        { limit: maxRecordChars, length: skim.length },
      );
    }
  }
  if (!sawText) throw importFault(EmptyFileError, { file }, 'the file is empty');
  if (header !== null && dataRows === 0 && rejectedRows === 0) {
    throw importFault(HeaderOnlyError, { file, line: headerLine }, 'the file has a header but no data rows');
  }
}
