// How a word meets the other side of a query-item pair, strongest first:
//   exact   the same lower-cased word occurs there;
//   stem    a word with the same Porter stem occurs ("mowers" / "mowing");
//   fuzzy   a word shares most character trigrams (Dice >= FUZZY_DICE: typos, compounds);
//   related the lexicon relates the stems (synonyms, broader/narrower terms);
//   none    nothing of the above.
import { charTrigrams, trigramDice } from './char-ngrams';
import { EMPTY_LEXICON, type Lexicon } from './lexicon';
import { stemWord } from './stem';

export const WORD_MATCHES = ['none', 'exact', 'stem', 'fuzzy', 'related'] as const;
export type WordMatch = (typeof WORD_MATCHES)[number];

/** Trigram Dice at which two words count as a fuzzy match (one typo in a 6-letter word gives about 0.6). */
export const FUZZY_DICE = 0.5;
/** Shorter words only match exactly or by stem: their trigrams are too few to mean anything. */
const FUZZY_MIN_LENGTH = 4;

/** The words of one side, indexed for matching words of the other side against them. */
export class WordIndex {
  private readonly exact: Set<string>;
  private readonly stems: Set<string>;
  private readonly grams: Set<string>[];

  constructor(words: readonly string[], private readonly lexicon: Lexicon = EMPTY_LEXICON) {
    this.exact = new Set(words);
    this.stems = new Set(words.map(stemWord));
    this.grams = [...this.exact].filter((word) => word.length >= FUZZY_MIN_LENGTH).map(charTrigrams);
  }

  get size(): number {
    return this.exact.size;
  }

  matchOf(word: string): WordMatch {
    if (this.exact.has(word)) return 'exact';
    const stem = stemWord(word);
    if (this.stems.has(stem)) return 'stem';
    if (word.length >= FUZZY_MIN_LENGTH) {
      const grams = charTrigrams(word);
      if (this.grams.some((other) => trigramDice(grams, other) >= FUZZY_DICE)) return 'fuzzy';
    }
    for (const related of this.lexicon.related(stem)) if (this.stems.has(related)) return 'related';
    return 'none';
  }

  /** Best trigram Dice of `word` against this side's words (0 when none is long enough). */
  bestDice(word: string): number {
    const grams = charTrigrams(word);
    let best = 0;
    for (const other of this.grams) best = Math.max(best, trigramDice(grams, other));
    return best;
  }
}
