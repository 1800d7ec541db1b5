// Each malformed input is rejected with its own named error, naming the fault and where it is.
import { describe, expect, it } from 'vitest';
import { labErrorClass } from '../../errors';
import { memorySource } from './byte-source';
import { ImportError } from './errors';
import { FaultPolicy } from './fault-policy';
import { checkLabFiles } from './lab-check';
import { readTable } from './read-table';
import { importFiles, latin1Bytes, QTL, type Files } from './test-support';
import type { PresetOptions } from './presets/preset';

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 * i + (order === 'le' ? 0 : 1)] = code & 0xff;
    bytes[2 * i + (order === 'le' ? 1 : 0)] = code >> 8;
  }
  return bytes;
}

interface Case {
  fault: string;
  preset?: string;
  files: Files;
  options?: PresetOptions;
  /** The error class name. */
  error: string;
  /** The message must contain each of these (place first). */
  says: (string | RegExp)[];
}

const WANDS_OK = {
  'query.csv': 'query_id\tquery\tquery_class\n1\tsofa\tSofas\n',
  'product.csv': 'product_id\tproduct_name\tproduct_class\n7\tred sofa\tSofas\n',
};

const CASES: Case[] = [
  { fault: 'missing column', files: { 'f.csv': 'q,t,grade\na,b,1\n' }, error: 'MissingColumnError', says: ['f.csv:1:1', 'missing column "g"', 'columns found: "q", "t", "grade"'] },
  { fault: 'unknown label', files: { 'f.csv': 'q,t,g\na,b,1\nc,d,3\n' }, error: 'UnknownLabelError', says: ['f.csv:3:3', 'column "g"', 'unknown label "3"', 'allowed labels: "0", "1", "2"'] },
  { fault: 'empty label', files: { 'f.csv': 'q,t,g\na,b,\n' }, error: 'UnknownLabelError', says: ['f.csv:2:3', 'the label is empty'] },
  { fault: 'empty query', files: { 'f.csv': 'q,t,g\n  ,b,1\n' }, error: 'EmptyQueryError', says: ['f.csv:2:1', 'column "q"', 'query is empty'] },
  { fault: 'empty item title', files: { 'f.csv': 'q,t,g\na,,1\n' }, error: 'EmptyTitleError', says: ['f.csv:2:2', 'column "t"', 'title is empty'] },
  { fault: 'over-long field', files: { 'f.csv': 'q,t,g\na,abcdefghijklmnop,1\n' }, options: { maxFieldChars: 10 }, error: 'FieldTooLongError', says: ['f.csv:2:2', '16 characters long', 'limit is 10'] },
  { fault: 'duplicate id', files: { 'f.csv': 'id,q,t,g\nx,a,b,1\nx,c,d,1\n' }, options: { mapping: { ...QTL.mapping, id: 'id' } }, error: 'DuplicateIdError', says: ['f.csv:3', 'duplicate id "x"', 'already used at f.csv:2'] },
  { fault: 'invalid UTF-8', files: { 'f.csv': latin1Bytes('q,t,g\na,caf\xe9,1\n') }, error: 'InvalidEncodingError', says: ['f.csv:2:6', 'not valid UTF-8 at byte 11 (0xE9), line 2', 'choose latin-1'] },
  { fault: 'UTF-8 cut off at the end', files: { 'f.csv': new Uint8Array([...new TextEncoder().encode('q,t,g\na,b,1\nc,d'), 0xc3]) }, error: 'InvalidEncodingError', says: ['f.csv:3:4', 'not valid UTF-8 at byte 15', 'cut off'] },
  { fault: 'malformed JSON', files: { 'f.jsonl': '{"q":"a","t":"b","g":1}\n{"q":"a","t": ,"g":1}\n' }, error: 'MalformedJsonError', says: ['f.jsonl:2:15', 'malformed JSON', 'unexpected ","'] },
  { fault: 'JSON cut off', files: { 'f.jsonl': '{"q":"a","t":"b","g":1\n' }, error: 'MalformedJsonError', says: ['f.jsonl:1:23', 'ends before the JSON value does'] },
  { fault: 'JSON line that is not an object', files: { 'f.jsonl': '{"q":"a","t":"b","g":1}\n[1,2]\n' }, error: 'JsonShapeError', says: ['f.jsonl:2:1', 'found a list'] },
  { fault: 'JSON key missing', files: { 'f.jsonl': '{"q":"a","t":"b","g":1}\n{"q":"a","g":1}\n' }, error: 'MissingColumnError', says: ['f.jsonl:2:1', 'missing key "t"', 'keys found: "q", "g"'] },
  { fault: 'JSON value that is an object', files: { 'f.jsonl': '{"q":"a","t":{"x":1},"g":1}\n' }, error: 'JsonShapeError', says: ['f.jsonl:1:10', 'column "t"', 'holds an object'] },
  { fault: 'wrong field count', files: { 'f.csv': 'q,t,g\na,b,1\nc,d\n' }, error: 'FieldCountError', says: ['f.csv:3:3', 'expected 3 fields as in the header, found 2'] },
  { fault: 'unterminated quote', files: { 'f.csv': 'q,t,g\na,b,1\nc,"d,1\ne,f,2\n' }, error: 'UnterminatedQuoteError', says: ['f.csv:3:3', 'unterminated quote'] },
  { fault: 'text after a closing quote', files: { 'f.csv': 'q,t,g\na,"b"x,1\n' }, error: 'MalformedQuoteError', says: ['f.csv:2:3', 'text after its closing quote'] },
  { fault: 'same pair, two grades', files: { 'f.csv': 'q,t,g\nRed Sofa,Couch,2\nred  sofa,couch,0\n' }, error: 'ConflictingGradeError', says: ['f.csv:3', 'grade 0 here but grade 2 at f.csv:2'] },
  { fault: 'score outside the declared range', preset: 'scores', files: { 'train.csv': 'id,product_uid,product_title,search_term,relevance\n1,9,drill,cordless drill,3.5\n' }, error: 'ScoreOutOfRangeError', says: ['train.csv:2:5', 'column "relevance"', 'score 3.5 is outside the declared range 1..3'] },
  { fault: 'score that is not a number', preset: 'scores', files: { 'train.csv': 'id,product_uid,product_title,search_term,relevance\n1,9,drill,cordless drill,high\n' }, error: 'NotANumberError', says: ['train.csv:2:5', '"high" is not a number'] },
  { fault: 'empty file', files: { 'f.csv': '' }, error: 'EmptyFileError', says: ['f.csv: the file is empty'] },
  { fault: 'blank file', files: { 'f.csv': '\n \r\n' }, error: 'EmptyFileError', says: ['f.csv: the file is empty'] },
  { fault: 'header only', files: { 'f.csv': '\ufeffq,t,g\r\n' }, error: 'HeaderOnlyError', says: ['f.csv:1', 'header but no data rows'] },
  { fault: 'NUL byte (binary)', files: { 'f.csv': new Uint8Array([...new TextEncoder().encode('q,t,g\na,b'), 0, 0x31]) }, error: 'BinaryContentError', says: ['f.csv:2:4', 'byte 9 is a NUL'] },
  { fault: 'gzip archive', files: { 'f.csv': new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]) }, error: 'BinaryContentError', says: ['f.csv:1:1', 'gzip archive'] },
  { fault: 'Parquet file', files: { 'f.csv': new TextEncoder().encode('PAR1\x15\x04') }, error: 'BinaryContentError', says: ['f.csv:1:1', 'Parquet'] },
  { fault: 'UTF-16 without a byte order mark', files: { 'f.csv': new Uint8Array([0x71, 0, 0x2c, 0, 0x74, 0]) }, error: 'UnsupportedEncodingError', says: ['f.csv:1:1', 'looks like UTF-16 (little-endian) without a byte order mark', 'save it as UTF-8'] },
  { fault: 'UTF-16 big-endian without a byte order mark, NUL pattern past the first bytes', files: { 'f.csv': utf16('q,t,g\na,b,1\n', 'be') }, error: 'UnsupportedEncodingError', says: ['f.csv:1:1', 'looks like UTF-16 (big-endian) without a byte order mark'] },
  { fault: 'UTF-16 with a byte order mark', files: { 'f.csv': new Uint8Array([0xff, 0xfe, ...utf16('q,t,g\na,b,1\n', 'le')]) }, error: 'UnsupportedEncodingError', says: ['f.csv:1:1', 'is UTF-16 (little-endian, byte order mark)', 'save it as UTF-8'] },
  { fault: 'NUL byte in a text file that is not UTF-16', files: { 'f.csv': new TextEncoder().encode('q,t,g\na,b,1\nc,d\u0000,2\n') }, error: 'BinaryContentError', says: ['f.csv:3:4', 'byte 15 is a NUL'] },
  { fault: 'duplicate column name', files: { 'f.csv': 'q,t,q,g\na,b,c,1\n' }, error: 'DuplicateColumnError', says: ['f.csv:1:3', '"q" appears twice'] },
  { fault: 'blank column name', files: { 'f.csv': 'q,,t,g\na,b,c,1\n' }, error: 'BlankColumnNameError', says: ['f.csv:1:2', 'column 2 of the header has no name'] },
  { fault: 'WANDS label for an unknown product', preset: 'wands', files: { ...WANDS_OK, 'label.csv': 'id\tquery_id\tproduct_id\tlabel\n0\t1\t7\tExact\n1\t1\t8\tPartial\n' }, error: 'UnknownReferenceError', says: ['label.csv:3:3', 'product_id "8" is not in product.csv'] },
  { fault: 'WANDS file saved with commas', preset: 'wands', files: { ...WANDS_OK, 'label.csv': 'id,query_id,product_id,label\n0,1,7,Exact\n' }, error: 'MissingColumnError', says: ['label.csv:1:1', 'missing column "query_id"', 'tab-separated', 'is the separator right?'] },
  { fault: 'WANDS label file missing', preset: 'wands', files: WANDS_OK, error: 'MissingFileError', says: ['needs label.csv', '--files labels=PATH'] },
  { fault: 'ESCI unknown label', preset: 'esci', files: { 'examples.csv': 'query,query_id,product_id,esci_label\nlamp,1,A,X\n', 'products.csv': 'product_id,product_title\nA,desk lamp\n' }, error: 'UnknownLabelError', says: ['examples.csv:2:4', 'unknown label "X"', '"E", "S", "C", "I"'] },
  { fault: 'malformed JSON nested 200,000 deep', files: { 'f.jsonl': `{"q":"a","t":"b","g":1}\n{"q":"a","t":"b","g":1,"x":${'['.repeat(200_000)}}\n` }, error: 'JsonTooDeepError', says: ['f.jsonl:2:91', 'nested more than 64 levels deep (the limit)'] },
  { fault: 'valid JSON nested deeper than the limit', files: { 'f.jsonl': `{"q":"a","t":"b","g":1,"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}\n` }, options: { mapping: { ...QTL.mapping, text: ['x'] } }, error: 'JsonTooDeepError', says: ['f.jsonl:1:91', 'nested more than 64 levels deep (the limit)'] },
  { fault: 'duplicate JSON key', files: { 'f.jsonl': '{"q":"a","t":"b","g":"x","g":1}\n' }, error: 'DuplicateKeyError', says: ['f.jsonl:1:26', 'duplicate key "g"', 'first at column 18'] },
  { fault: 'duplicate JSON key written with an escape', files: { 'f.jsonl': '{"q":"a","t":"b","g":1,"\\u0067":2}\n' }, error: 'DuplicateKeyError', says: ['f.jsonl:1:24', 'duplicate key "g"'] },
  { fault: 'bad label after a multi-line record', files: { 'f.csv': 'q,t,g\n"two\nline query","title\nwith\nbreaks",1\nc,d,9\n' }, error: 'UnknownLabelError', says: ['f.csv:6:3', 'unknown label "9"'] },
];

describe('malformed inputs are rejected with the fault and its place', () => {
  it('covers at least 25 different faults', () => {
    expect(new Set(CASES.map((c) => c.fault)).size).toBeGreaterThanOrEqual(25);
  });

  for (const c of CASES) {
    it(c.fault, async () => {
      const options = c.preset ? c.options ?? {} : { ...QTL, ...c.options, mapping: { ...QTL.mapping, ...c.options?.mapping } };
      const error = await importFiles(c.preset ?? 'csv', c.files, options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportError);
      const fault = error as ImportError;
      expect(fault.name).toBe(c.error);
      expect(labErrorClass(c.error)).toBe(fault.constructor);
      for (const part of c.says) expect(fault.message).toContain(part);
    });
  }

  it('skips a malformed line nested 200,000 deep with skipBadRows and keeps the others', async () => {
    const deep = `{"q":"c","t":"d","g":1,"x":${'['.repeat(200_000)}}`;
    const dataset = await importFiles('csv', { 'f.jsonl': `{"q":"a","t":"b","g":1}\n${deep}\n{"q":"e","t":"f","g":2}\n` }, QTL, { skipBadRows: true });
    expect(dataset.report.rowsImported).toBe(2);
    expect(dataset.report.skipped).toEqual([expect.objectContaining({ file: 'f.jsonl', line: 2, column: 91, fault: 'JsonTooDeepError' })]);
  });

  it('rejects a duplicate key in a lab-layout line at the second key', async () => {
    const line = '{"id":"a","query":"q","item":{"title":"t","fields":{}},"grade":1,"split":"train","tags":[],"grade":0}';
    await expect(checkLabFiles([memorySource('train.jsonl', `${line}\n`)])).rejects.toThrow(/train\.jsonl:1:92: duplicate key "grade" \(first at column 56\)/);
  });

  it('rejects an empty train split in a lab layout, naming the file', async () => {
    await expect(checkLabFiles([memorySource('d/train.jsonl', ''), memorySource('d/val.jsonl', '')])).rejects.toThrow(/^d\/train\.jsonl: the train split is empty/);
  });

  it('rejects an id given twice in pool_labels.jsonl, naming both lines', async () => {
    const pool = ['p1', 'p2'].map((id) => `{"id":"${id}","query":"q","item":{"title":"t","fields":{}},"grade":null,"split":"pool","tags":[]}\n`).join('');
    const labels = '{"id":"p1","grade":1}\n{"id":"p2","grade":0}\n{"id":"p1","grade":2}\n';
    await expect(checkLabFiles([memorySource('pool.jsonl', pool), memorySource('pool_labels.jsonl', labels)])).rejects.toThrow(
      /pool_labels\.jsonl:3:\d+: column "id": duplicate id "p1": already used at pool_labels\.jsonl:1/,
    );
  });

  it('calls a quoted field over the record limit too long, not an unterminated quote, when its quote closes', async () => {
    const text = `q,t,g\na,b,1\nc,"${'x'.repeat(5000)}",1\ne,f,2\n`;
    const read = async () => {
      for await (const row of readTable(memorySource('f.csv', text, 512), { format: 'csv', maxRecordChars: 1000 }, new FaultPolicy())) void row;
    };
    const error = await read().catch((e: Error) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).name).toBe('RecordTooLongError');
    expect((error as Error).message).toMatch(/^f\.csv:3:3: the quoted field starting here is 5000 characters long; the limit is 1000 characters for a record \(a field may hold at most --max-field-chars, default 20000\)/);
  });

  it('says a 50 MB quoted field is over the record limit (1,000,000 characters by default)', async () => {
    const bytes = new TextEncoder().encode(`q,t,g\na,"${'x'.repeat(50_000_000)}",1\n`);
    const read = async () => {
      for await (const row of readTable(memorySource('big.csv', bytes, 1 << 20), { format: 'csv' }, new FaultPolicy())) void row;
    };
    await expect(read()).rejects.toThrow(/^big\.csv:2:3: the quoted field starting here is 50000000 characters long; the limit is 1000000 characters for a record/);
  });

  it('reads a 300,000-character record and a JSONL line that long, sent in 7-byte chunks, in linear time', async () => {
    const started = performance.now();
    const csv = `q,t,g\na,"${'x'.repeat(300_000)}",1\n`;
    const jsonl = `{"q":"a","t":"${'x'.repeat(300_000)}","g":1}\n`;
    for (const [name, text] of [['f.csv', csv], ['f.jsonl', jsonl]]) {
      const rows = [];
      for await (const row of readTable(memorySource(name, text, 7), { format: name.endsWith('.csv') ? 'csv' : 'jsonl' }, new FaultPolicy())) rows.push(row);
      expect(rows[0].value('t')).toHaveLength(300_000);
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects a runaway record longer than the limit', async () => {
    const text = `q,t,g\na,b,1\n${'x'.repeat(500)},b,1\n`;
    const read = async () => {
      for await (const row of readTable(memorySource('f.csv', text, 64), { format: 'csv', maxRecordChars: 100 }, new FaultPolicy())) void row;
    };
    await expect(read()).rejects.toThrow(/f\.csv:3:1: the record starting here is longer than 100 characters/);
  });

  it('names a runaway quote that would swallow the rest of the file', async () => {
    const text = `q,t,g\na,"b${',1\nc,d'.repeat(200)}\n`;
    const read = async () => {
      for await (const row of readTable(memorySource('f.csv', text, 64), { format: 'csv', maxRecordChars: 100 }, new FaultPolicy())) void row;
    };
    await expect(read()).rejects.toThrow(/f\.csv:2:3: .*unterminated quote/);
  });

  it('rejects an example of the wrong split in a lab-layout file, naming the key', async () => {
    const line = '{"id":"a","query":"q","item":{"title":"t","fields":{}},"grade":1,"split":"val","tags":[]}';
    await expect(checkLabFiles([memorySource('dir/train.jsonl', `${line.replace('"val"', '"train"')}\n${line.replace('"a"', '"b"')}\n`)])).rejects.toThrow(
      /dir\/train\.jsonl:2:66: column "split": is "val" but this file holds the train split/,
    );
  });

  it('rejects a lab-layout grade outside 0..2, naming the key', async () => {
    const line = '{"id":"a","query":"q","item":{"title":"t","fields":{}},"grade":3,"split":"train","tags":[]}';
    await expect(checkLabFiles([memorySource('train.jsonl', `${line}\n`)])).rejects.toThrow(/train\.jsonl:1:56: column "grade": must be 0, 1, 2 or null, got 3/);
  });

  it('rejects an OOD value that never occurs, listing the values found', async () => {
    const files = { 'f.csv': 'q,t,g,cat\na,b,1,lamps\nc,d,2,sofas\n' };
    await expect(
      importFiles('csv', files, { mapping: { ...QTL.mapping, group: ['cat'] } }, { split: { seed: 1, ood: { kind: 'column', column: 'cat', values: ['beds'] } } }),
    ).rejects.toThrow(/"beds" never occur in column "cat"; most frequent values: "lamps", "sofas"/);
  });
});
