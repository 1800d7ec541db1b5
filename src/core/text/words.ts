// Words of a text for matching: lower-cased runs of letters or of digits (Unicode-aware), the same
// boundaries the tokenizer's pre-tokenisation draws, without the leading space.

const wordPattern = /\p{L}+|\p{N}+/gu;

export function textWords(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

/** The word a pre-tokenised piece holds (" Mowers" -> "mowers"), or null for punctuation and space. */
export function pieceWord(piece: string): string | null {
  const words = textWords(piece);
  return words.length === 1 ? words[0] : null;
}
