// Bytes to text, streamed: picks the encoding (UTF-8 with or without BOM, or Latin-1/windows-1252
// by choice), refuses UTF-16 by name (its BOM or its pattern of NULs), rejects binary files and
// invalid UTF-8 with the byte and line, and turns every line break (\r\n, \r) into \n so line
// numbers are the file's physical lines.
import { BinaryContentError, importFault, InvalidEncodingError, UnsupportedEncodingError, type Place } from './errors';
import { firstInvalidUtf8, incompleteTailLength } from './utf8-scan';

export type TextEncodingChoice = 'utf-8' | 'latin1';

export interface DecodeOptions {
  encoding?: TextEncodingChoice;
  /** Called after each chunk with the bytes read so far (for progress bars). */
  onBytes?: (bytesRead: number) => void;
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: decompress it first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (or an .xlsx workbook): extract it, or save the sheet as CSV' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file: name it .parquet (the lab reads Parquet by that extension) or choose the format parquet' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel/Office file: save the sheet as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF' },
];

/**
 * The byte order of UTF-16 text without a byte order mark, judged by where the NULs fall in the
 * first bytes (ASCII in UTF-16 has one in every pair), or null when the bytes do not look like it.
 */
export function utf16ByteOrder(bytes: Uint8Array): 'little-endian' | 'big-endian' | null {
  const pairs = Math.floor(Math.min(bytes.length, 1024) / 2);
  if (pairs < 2) return null;
  let little = 0;
  let big = 0;
  for (let k = 0; k < pairs; k++) {
    const even = bytes[2 * k];
    const odd = bytes[2 * k + 1];
    if (odd === 0 && even !== 0) little++;
    else if (even === 0 && odd !== 0) big++;
  }
  if (little >= pairs / 2 && big <= pairs / 20) return 'little-endian';
  if (big >= pairs / 2 && little <= pairs / 20) return 'big-endian';
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, i) => bytes[i] === byte);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Line and column just after `text`, which starts at `startLine`, `startColumn`. */
function lineAndColumnAfter(text: string, startLine: number, startColumn: number): { line: number; column: number } {
  let line = startLine;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, column: lastBreak === -1 ? startColumn + text.length : text.length - lastBreak };
}

/** Streams the decoded, newline-normalized text of `chunks`. Errors name `file`. */
export async function* decodeText(file: string, chunks: AsyncIterable<Uint8Array>, options: DecodeOptions = {}): AsyncGenerator<string> {
  const choice = options.encoding ?? 'utf-8';
  let decoder: TextDecoder | null = null;
  let encoding = '';
  let head: Uint8Array = new Uint8Array(0); // bytes held until the first 4 are known (BOM and magic numbers)
  let bytesRead = 0; // bytes consumed before the current chunk
  let pendingTail: Uint8Array = new Uint8Array(0); // UTF-8 bytes of a sequence split across chunks
  let pendingCR = false;
  let line = 1; // line number at the start of the next text to emit
  let column = 1; // column at the start of the next text to emit

  const normalize = (text: string, final: boolean): string => {
    let joined = pendingCR ? `\r${text}` : text;
    pendingCR = !final && joined.endsWith('\r');
    if (pendingCR) joined = joined.slice(0, -1);
    return joined.includes('\r') ? joined.replace(/\r\n?/g, '\n') : joined;
  };

  const emit = (text: string): string => {
    const after = lineAndColumnAfter(text, line, column);
    line = after.line;
    column = after.column;
    return text;
  };

  const encodingFault = (bytes: Uint8Array, offsetOfBytes: number, final: boolean): InvalidEncodingError => {
    const index = Math.max(0, firstInvalidUtf8(bytes, final));
    const prefix = normalize(new TextDecoder('utf-8').decode(bytes.subarray(0, index)), true);
    const where = lineAndColumnAfter(prefix, line, column);
    const byteOffset = offsetOfBytes + index;
    const place: Place = { file, line: where.line, column: where.column };
    const cutOff = final && firstInvalidUtf8(bytes, false) === -1;
    const shown = cutOff ? ' (a character cut off at the end of the file)' : ` (0x${bytes[index].toString(16).padStart(2, '0').toUpperCase()})`;
    return importFault(InvalidEncodingError, place, `not valid UTF-8 at byte ${byteOffset}${shown}, line ${where.line}: choose latin-1 if the file is Latin-1 (windows-1252)`, { byte: byteOffset });
  };

  const utf16Fault = (order: 'little-endian' | 'big-endian', withMark: boolean): UnsupportedEncodingError => {
    const what = withMark ? `is UTF-16 (${order}, byte order mark)` : `looks like UTF-16 (${order}) without a byte order mark`;
    return importFault(UnsupportedEncodingError, { file, line: 1, column: 1 }, `this file ${what}; the lab reads UTF-8 and Latin-1: save it as UTF-8`, { encoding: order === 'little-endian' ? 'utf-16le' : 'utf-16be' });
  };

  const start = (bytes: Uint8Array): Uint8Array => {
    for (const magic of MAGIC) {
      if (startsWith(bytes, magic.bytes)) {
        throw importFault(BinaryContentError, { file, line: 1, column: 1 }, `this is not a text file: it looks like ${magic.what}`);
      }
    }
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
      encoding = 'utf-8';
      bytes = bytes.subarray(3);
      bytesRead += 3;
    } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
      throw utf16Fault(bytes[0] === 0xff ? 'little-endian' : 'big-endian', true);
    } else {
      encoding = choice === 'latin1' ? 'windows-1252' : 'utf-8';
    }
    decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    return bytes;
  };

  const decodeChunk = (chunk: Uint8Array, final: boolean): string => {
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      const order = bytesRead === 0 ? utf16ByteOrder(chunk) : null;
      if (order) throw utf16Fault(order, false);
      const prefix = normalize(new TextDecoder(encoding, { fatal: false }).decode(chunk.subarray(0, nul)), true);
      const where = lineAndColumnAfter(prefix, line, column);
      throw importFault(BinaryContentError, { file, line: where.line, column: where.column }, `byte ${bytesRead + nul} is a NUL (0x00): this is binary content, not text`, { byte: bytesRead + nul });
    }
    let text: string;
    try {
      text = decoder!.decode(chunk, { stream: !final });
    } catch {
      throw encodingFault(concat(pendingTail, chunk), bytesRead - pendingTail.length, final);
    }
    if (encoding === 'utf-8') {
      const recent = concat(pendingTail, chunk.subarray(Math.max(0, chunk.length - 4)));
      pendingTail = recent.slice(recent.length - incompleteTailLength(recent));
    }
    bytesRead += chunk.length;
    return emit(normalize(text, final));
  };

  for await (const raw of chunks) {
    let chunk = raw;
    if (!decoder) {
      head = concat(head, chunk);
      if (head.length < 4) continue;
      chunk = start(head);
    }
    const text = decodeChunk(chunk, false);
    options.onBytes?.(bytesRead);
    if (text) yield text;
  }
  if (!decoder) {
    if (head.length === 0) return;
    const text = decodeChunk(start(head), false);
    if (text) yield text;
  }
  const last = decodeChunk(new Uint8Array(0), true);
  options.onBytes?.(bytesRead);
  if (last) yield last;
}
