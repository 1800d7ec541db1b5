import { describe, expect, it } from 'vitest';
import { bytesToPiece, pieceToBytes } from './byte-alphabet';

describe('GPT-2 byte alphabet', () => {
  it('maps every byte to its own single visible character, printable ASCII to itself', () => {
    const all = Uint8Array.from({ length: 256 }, (_, b) => b);
    const piece = bytesToPiece(all);
    expect(piece.length).toBe(256);
    expect(new Set(piece).size).toBe(256);
    expect(bytesToPiece(new TextEncoder().encode(' car'))).toBe('Ġcar');
    expect(bytesToPiece(Uint8Array.of(0x0a))).toBe('Ċ');
    expect(pieceToBytes(piece)).toEqual({ bytes: all });
  });

  it('reports the first character outside the alphabet', () => {
    expect(pieceToBytes('ab c')).toEqual({ badIndex: 2 });
  });
});
