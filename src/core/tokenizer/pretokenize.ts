// Pre-tokenisation: the GPT-2 split into contractions, letter runs, number runs, punctuation runs
// and whitespace runs, each optionally led by one space. Unicode-aware (\p{L}, \p{N}). This is the
// same pattern as Hugging Face's ByteLevel pre-tokenizer with use_regex, so files interoperate.
// BPE merges never cross the boundaries this split draws.

export const GPT2_SPLIT_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** Names of the pre-tokenisers a tokenizer file may declare. */
export type PretokenizerName = 'gpt2';
export const PRETOKENIZER_NAMES: readonly PretokenizerName[] = ['gpt2'];

const splitRegex = new RegExp(GPT2_SPLIT_PATTERN, 'gu');

/** Calls `visit` with each piece of `text`, in order; the pieces concatenate back to `text`. */
export function forEachPiece(text: string, visit: (piece: string) => void): void {
  splitRegex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = splitRegex.exec(text)) !== null) visit(match[0]);
}

export function pretokenize(text: string): string[] {
  const pieces: string[] = [];
  forEachPiece(text, (piece) => pieces.push(piece));
  return pieces;
}
