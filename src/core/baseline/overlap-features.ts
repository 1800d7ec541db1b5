// Classical query-item overlap features of a (query, item) pair: how the words of each side meet
// the other side (src/core/text: exact, stem, fuzzy, related, none), BM25 with corpus statistics
// fitted on the training items, character trigram overlap, lengths and numbers. Dense, all finite.
//
// The features, in order (a "share" is over the distinct words of that side; 0 when it has none):
//   q_item_{exact,stem,fuzzy,related,none}   share of query words whose best match in the whole item
//                                            text is exact / stem / fuzzy / related / none
//   q_title_{...}                            the same against the title alone
//   title_q_{...}                            share of title words by their best match in the query
//   item_q_{...}                             share of all item words by their best match in the query
//   q_all_item                               1 when every query word is in the item (exact or stem)
//   q_all_title                              1 when every query word is in the title (exact or stem)
//   q_matched                                number of query words in the item (exact or stem)
//   q_unmatched                              number of query words with no match at all in the item
//   q_idf_coverage                           IDF-weighted share of query words in the item (exact or stem)
//   q_max_missing_idf                        largest IDF of a query word with no match in the item (0: none)
//   q_bigrams_item                           share of adjacent query word pairs (stems) adjacent in the item
//   dice_title                               character trigram Dice of the query vs the title
//                                            (the union of each side's words' trigrams)
//   dice_item                                the same vs the whole item text
//   fields_matched                           share of the item's fields (besides the title) with a value
//                                            word the query matches (exact, stem or fuzzy)
//   log_query_words                          ln(1 + query words)
//   log_title_words                          ln(1 + title words)
//   log_item_words                           ln(1 + item words)
//   bm25_item                                BM25 (k1 1.2, b 0.75) of the query against the item text,
//                                            IDF and average length from the training items
//   bm25_title                               BM25 against the title, title statistics
//   bm25_item_norm                           bm25_item / the sum of the query stems' IDF (0..~2.2)
//   query_numbers                            numbers (digit runs) in the query
//   number_match                             share of the query's numbers found in the item
//   number_closeness                         mean over query numbers of 1 - |q - i| / max(q, i) for the
//                                            nearest item number i (0 when either side has none)
import type { Item } from '../data/schema';
import { charTrigrams, trigramDice } from '../text/char-ngrams';
import { EMPTY_LEXICON, type Lexicon } from '../text/lexicon';
import { stemWord } from '../text/stem';
import { WordIndex, type WordMatch } from '../text/word-match';
import { textWords } from '../text/words';
import { bm25, idf, itemText, stemsOf, type CorpusStats } from './corpus-stats';

const MATCHES: readonly WordMatch[] = ['exact', 'stem', 'fuzzy', 'related', 'none'];
const shareNames = (prefix: string) => MATCHES.map((match) => `${prefix}_${match}`);

export const OVERLAP_FEATURES = [
  ...shareNames('q_item'),
  ...shareNames('q_title'),
  ...shareNames('title_q'),
  ...shareNames('item_q'),
  'q_all_item',
  'q_all_title',
  'q_matched',
  'q_unmatched',
  'q_idf_coverage',
  'q_max_missing_idf',
  'q_bigrams_item',
  'dice_title',
  'dice_item',
  'fields_matched',
  'log_query_words',
  'log_title_words',
  'log_item_words',
  'bm25_item',
  'bm25_title',
  'bm25_item_norm',
  'query_numbers',
  'number_match',
  'number_closeness',
] as const;
export type OverlapFeature = (typeof OVERLAP_FEATURES)[number];

const isNumber = (word: string) => /^\p{N}+$/u.test(word);
const isMatched = (match: WordMatch) => match === 'exact' || match === 'stem';
const FOUND: ReadonlySet<WordMatch> = new Set(['exact', 'stem', 'fuzzy']);

function shares(matches: readonly WordMatch[]): number[] {
  return MATCHES.map((kind) => (matches.length === 0 ? 0 : matches.filter((match) => match === kind).length / matches.length));
}

const wordGrams = new Map<string, Set<string>>();

/** The union of the words' character trigrams (each word's set computed once). */
function wordsTrigrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    let own = wordGrams.get(word);
    if (!own) {
      if (wordGrams.size >= 100_000) wordGrams.clear();
      wordGrams.set(word, (own = charTrigrams(word)));
    }
    for (const gram of own) grams.add(gram);
  }
  return grams;
}

function numberCloseness(query: readonly number[], item: readonly number[]): number {
  if (query.length === 0 || item.length === 0) return 0;
  let sum = 0;
  for (const q of query) {
    let best = 0;
    for (const i of item) {
      const scale = Math.max(Math.abs(q), Math.abs(i));
      best = Math.max(best, scale === 0 ? 1 : 1 - Math.abs(q - i) / scale);
    }
    sum += best;
  }
  return sum / query.length;
}

/** What the features need of an item, computed once per distinct item. */
interface ItemSide {
  titleWords: string[];
  words: string[];
  titleStems: string[];
  stems: string[];
  /** Adjacent stem pairs of the whole text. */
  bigrams: Set<string>;
  fieldWords: string[][];
  numbers: number[];
  index: WordIndex;
  titleIndex: WordIndex;
  titleGrams: Set<string>;
  grams: Set<string>;
  /** Query word -> its match in the item text / in the title (queries share words). */
  matches: Map<string, WordMatch>;
  titleMatches: Map<string, WordMatch>;
}

/** What the features need of a query, computed once per distinct query. */
interface QuerySide {
  all: string[];
  words: string[];
  stems: string[];
  bigrams: string[];
  numbers: number[];
  grams: Set<string>;
  index: WordIndex;
  /** Item word -> its match in the query (a query's items share words). */
  matches: Map<string, WordMatch>;
}

function cachedMatch(index: WordIndex, cache: Map<string, WordMatch>, word: string): WordMatch {
  let match = cache.get(word);
  if (match === undefined) cache.set(word, (match = index.matchOf(word)));
  return match;
}

/** Best match of each word against the other side, through the other side's cache. */
function matchesOf(words: readonly string[], other: WordIndex, cache: Map<string, WordMatch>): WordMatch[] {
  return words.map((word) => cachedMatch(other, cache, word));
}

/** Distinct queries and items kept (each query's items share its side; repeated items share theirs). */
const CACHE_LIMIT = 4096;

/** Computes the features of pairs with fitted corpus statistics and an optional related-word lexicon. */
export class OverlapFeaturizer {
  private readonly items = new Map<string, ItemSide>();
  private readonly queries = new Map<string, QuerySide>();

  constructor(
    readonly stats: CorpusStats,
    private readonly lexicon: Lexicon = EMPTY_LEXICON,
  ) {}

  private itemSide(item: Item): ItemSide {
    const text = itemText(item);
    const known = this.items.get(text);
    if (known) return known;
    const titleWords = [...new Set(textWords(item.title))];
    const allWords = textWords(text);
    const words = [...new Set(allWords)];
    const stems = stemsOf(text);
    const side: ItemSide = {
      titleWords,
      words,
      titleStems: stemsOf(item.title),
      stems,
      bigrams: new Set(stems.slice(1).map((stem, i) => `${stems[i]} ${stem}`)),
      fieldWords: Object.values(item.fields).map((value) => [...new Set(textWords(value))]),
      numbers: allWords.filter(isNumber).map(Number),
      index: new WordIndex(words, this.lexicon),
      titleIndex: new WordIndex(titleWords, this.lexicon),
      titleGrams: wordsTrigrams(titleWords),
      grams: wordsTrigrams(words),
      matches: new Map(),
      titleMatches: new Map(),
    };
    if (this.items.size >= CACHE_LIMIT) this.items.clear();
    this.items.set(text, side);
    return side;
  }

  private querySide(query: string): QuerySide {
    const known = this.queries.get(query);
    if (known) return known;
    const all = textWords(query);
    const words = [...new Set(all)];
    const stems = all.map(stemWord);
    const side: QuerySide = {
      all,
      words,
      stems,
      bigrams: [...new Set(stems.slice(1).map((stem, i) => `${stems[i]} ${stem}`))],
      numbers: words.filter(isNumber).map(Number),
      grams: wordsTrigrams(words),
      index: new WordIndex(words, this.lexicon),
      matches: new Map(),
    };
    if (this.queries.size >= CACHE_LIMIT) this.queries.clear();
    this.queries.set(query, side);
    return side;
  }

  features(query: string, item: Item): number[] {
    const side = this.itemSide(item);
    const q = this.querySide(query);
    const inItem = matchesOf(q.words, side.index, side.matches);
    const inTitle = matchesOf(q.words, side.titleIndex, side.titleMatches);
    const titleInQuery = matchesOf(side.titleWords, q.index, q.matches);
    const itemInQuery = matchesOf(side.words, q.index, q.matches);

    const stats = this.stats;
    let idfSum = 0;
    let idfMatched = 0;
    let maxMissingIdf = 0;
    q.words.forEach((word, i) => {
      const weight = idf(stats.item, stemWord(word));
      idfSum += weight;
      if (isMatched(inItem[i])) idfMatched += weight;
      if (inItem[i] === 'none') maxMissingIdf = Math.max(maxMissingIdf, weight);
    });
    const fieldsMatched = side.fieldWords.filter((words) => words.some((word) => FOUND.has(cachedMatch(q.index, q.matches, word)))).length;
    const itemNumbers = new Set(side.numbers);
    const bm25Item = bm25(q.stems, side.stems, stats.item);
    const uniqueStemIdf = [...new Set(q.stems)].reduce((sum, stem) => sum + idf(stats.item, stem), 0);

    return [
      ...shares(inItem),
      ...shares(inTitle),
      ...shares(titleInQuery),
      ...shares(itemInQuery),
      q.words.length > 0 && inItem.every(isMatched) ? 1 : 0,
      q.words.length > 0 && inTitle.every(isMatched) ? 1 : 0,
      inItem.filter(isMatched).length,
      inItem.filter((match) => match === 'none').length,
      idfSum === 0 ? 0 : idfMatched / idfSum,
      maxMissingIdf,
      q.bigrams.length === 0 ? 0 : q.bigrams.filter((bigram) => side.bigrams.has(bigram)).length / q.bigrams.length,
      trigramDice(q.grams, side.titleGrams),
      trigramDice(q.grams, side.grams),
      side.fieldWords.length === 0 ? 0 : fieldsMatched / side.fieldWords.length,
      Math.log1p(q.all.length),
      Math.log1p(side.titleStems.length),
      Math.log1p(side.stems.length),
      bm25Item,
      bm25(q.stems, side.titleStems, stats.title),
      uniqueStemIdf === 0 ? 0 : bm25Item / uniqueStemIdf,
      q.numbers.length,
      q.numbers.length === 0 ? 0 : q.numbers.filter((n) => itemNumbers.has(n)).length / q.numbers.length,
      numberCloseness(q.numbers, side.numbers),
    ];
  }
}
