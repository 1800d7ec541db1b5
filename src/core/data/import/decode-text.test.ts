// Decoding: encodings, BOMs and line breaks come out the same whatever the chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobSource, memorySource } from './byte-source';
import { decodeText, type DecodeOptions } from './decode-text';

async function decodeAll(bytes: Uint8Array, chunk: number, options: DecodeOptions = {}): Promise<string> {
  let text = '';
  for await (const part of decodeText('f', memorySource('f', bytes, chunk).open(), options)) text += part;
  return text;
}

describe('decodeText', () => {
  it('gives the same text for every chunk size, with multi-byte characters and CRLF split across chunks', async () => {
    const bytes = new TextEncoder().encode('\ufeffcafé,𝄞\r\nnaïve\rline\n€');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (chunk) => {
        expect(await decodeAll(bytes, chunk)).toBe('café,𝄞\nnaïve\nline\n€');
      }),
    );
  });

  it('reads Latin-1 (windows-1252) when chosen', async () => {
    expect(await decodeAll(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xae, 0x20, 0x80]), 2, { encoding: 'latin1' })).toBe('Café ® €');
  });

  it('refuses UTF-16, naming it, with a byte order mark either way round', async () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x71, 0, 0x2c, 0, 0xe9, 0, 0x0a, 0]);
    await expect(decodeAll(le, 3)).rejects.toThrow(/^f:1:1: this file is UTF-16 \(little-endian, byte order mark\)/);
    await expect(decodeAll(Uint8Array.from([0xfe, 0xff, 0, 0x71]), 1)).rejects.toThrow(/UTF-16 \(big-endian, byte order mark\)/);
  });

  it('streams a browser Blob', async () => {
    let text = '';
    for await (const part of decodeText('b', blobSource(new Blob(['a,b\n', 'ü\n']), 'b.csv').open())) text += part;
    expect(text).toBe('a,b\nü\n');
  });

  it('reports progress in bytes', async () => {
    const seen: number[] = [];
    await decodeAll(new TextEncoder().encode('x'.repeat(100)), 30, { onBytes: (n) => seen.push(n) });
    expect(seen[seen.length - 1]).toBe(100);
  });
});
