// The relevance prompt with match channels (model/match-signals.ts): each word of the query is
// matched against the item's words and each word of the item against the query's, and every token
// of the word carries the result, packed into its id. The layout and truncation are the tokenizer's
// (tokenizer/pair-layout.ts), so a packed prompt has the same tokens as the plain one.
import { matchChannel, packId, type MatchSide } from '../../model/match-signals';
import type { GptConfig } from '../../model/gpt';
import { EMPTY_LEXICON, type Lexicon } from '../../text/lexicon';
import { wordnetLexicon } from '../../text/wordnet-lexicon';
import { WordIndex } from '../../text/word-match';
import { pieceWord, textWords } from '../../text/words';
import { layoutPair, pretokenize, type BpeTokenizer } from '../../tokenizer';

export interface PairMatching {
  /** Related words (synonyms, broader and narrower terms) for the 'related' channel. */
  lexicon: Lexicon;
  /** The model's vocabulary size, the stride of packed ids (at least the tokenizer's). */
  vocabSize: number;
}

/** Packed ids of `text`: each piece's tokens with the channel of the piece's word against `other`. */
function packedText(tokenizer: BpeTokenizer, text: string, side: MatchSide, other: WordIndex, vocabSize: number): number[] {
  const ids: number[] = [];
  // Pieces first: encode() walks the same shared pattern, so it cannot run inside forEachPiece.
  for (const piece of pretokenize(text)) {
    const word = pieceWord(piece);
    const channel = word === null ? 0 : matchChannel(side, other.matchOf(word));
    for (const id of tokenizer.encode(piece)) ids.push(packId(id, channel, vocabSize));
  }
  return ids;
}

/** [BOS] [Q] query [I] fields... [CLS] as packed ids (structure tokens in channel 0). */
export function encodeMatchedPair(tokenizer: BpeTokenizer, query: string, itemFields: readonly string[], maxLen: number, matching: PairMatching): number[] {
  const queryWords = new WordIndex(textWords(query), matching.lexicon);
  const itemWords = new WordIndex(itemFields.flatMap(textWords), matching.lexicon);
  const queryIds = packedText(tokenizer, query, 'query', itemWords, matching.vocabSize);
  const fieldIds = itemFields.map((field) => packedText(tokenizer, field, 'item', queryWords, matching.vocabSize));
  return layoutPair(queryIds, fieldIds, maxLen, tokenizer.special);
}

/** How a model's prompts are encoded: with match channels when it reads them, plain otherwise. */
export function pairMatchingFor(config: Pick<GptConfig, 'matchSignals' | 'relatedWords' | 'vocabSize'>): PairMatching | null {
  if (!config.matchSignals) return null;
  return { lexicon: (config.relatedWords ?? 'wordnet') === 'wordnet' ? wordnetLexicon() : EMPTY_LEXICON, vocabSize: config.vocabSize };
}
