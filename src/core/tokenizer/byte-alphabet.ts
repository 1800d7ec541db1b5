// GPT-2's printable alphabet for bytes: every byte value maps to one visible character
// (printable Latin-1 maps to itself, the rest to U+0100 and up, so a space shows as "Ġ").
// Token strings in tokenizer files use it, as Hugging Face's tokenizer.json does.

const byteToChar: string[] = new Array(256);
const charToByte = new Map<string, number>();

(function buildAlphabet() {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const char = String.fromCharCode(printable(b) ? b : next++);
    byteToChar[b] = char;
    charToByte.set(char, b);
  }
})();

/** The alphabet form of a byte sequence, e.g. [0x20, 0x61] -> "Ġa". */
export function bytesToPiece(bytes: Uint8Array): string {
  let piece = '';
  for (const b of bytes) piece += byteToChar[b];
  return piece;
}

/** The bytes of an alphabet-form string, or the index of the first character outside the alphabet. */
export function pieceToBytes(piece: string): { bytes: Uint8Array } | { badIndex: number } {
  const bytes = new Uint8Array(piece.length);
  for (let i = 0; i < piece.length; i++) {
    const b = charToByte.get(piece[i]);
    if (b === undefined) return { badIndex: i };
    bytes[i] = b;
  }
  return { bytes };
}
