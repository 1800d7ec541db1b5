// Corpus statistics for BM25: document frequencies of word stems and the average document length,
// fitted on the training items only (each distinct item counted once), for the whole item text and
// for the title alone. Words the training items never had get the largest IDF.
import type { Item } from '../data/schema';
import { stemWord } from '../text/stem';
import { textWords } from '../text/words';
import { itemFieldTexts } from '../tokenizer/item-fields';

export interface FieldStats {
  /** Distinct training items. */
  documents: number;
  /** Mean length in words. */
  averageLength: number;
  /** Stem -> number of items whose text has it. */
  documentFrequency: Map<string, number>;
}

export interface CorpusStats {
  /** The whole item text: title and every field (itemFieldTexts). */
  item: FieldStats;
  title: FieldStats;
}

export interface Bm25Parameters {
  k1: number;
  b: number;
}

/** The usual defaults (Robertson et al.; Lucene, Elasticsearch). */
export const BM25_DEFAULTS: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** The item's whole text as the baseline reads it: the title, then each field as "name: value". */
export function itemText(item: Item): string {
  return itemFieldTexts(item).join(' ');
}

function fieldStats(documents: readonly string[][]): FieldStats {
  const documentFrequency = new Map<string, number>();
  let words = 0;
  for (const stems of documents) {
    words += stems.length;
    for (const stem of new Set(stems)) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
  }
  return { documents: documents.length, averageLength: documents.length === 0 ? 0 : words / documents.length, documentFrequency };
}

export const stemsOf = (text: string): string[] => textWords(text).map(stemWord);

/** Fits the statistics on these items (give the training items only); repeated items count once. */
export function fitCorpusStats(items: Iterable<Item>): CorpusStats {
  const seen = new Set<string>();
  const bodies: string[][] = [];
  const titles: string[][] = [];
  for (const item of items) {
    const text = itemText(item);
    if (seen.has(text)) continue;
    seen.add(text);
    bodies.push(stemsOf(text));
    titles.push(stemsOf(item.title));
  }
  return { item: fieldStats(bodies), title: fieldStats(titles) };
}

/** BM25's IDF, ln(1 + (N - df + 0.5) / (df + 0.5)): never negative, largest for unseen stems. */
export function idf(stats: FieldStats, stem: string): number {
  const df = stats.documentFrequency.get(stem) ?? 0;
  return Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5));
}

/** BM25 of the distinct query stems against one document's stems. */
export function bm25(queryStems: readonly string[], documentStems: readonly string[], stats: FieldStats, parameters: Bm25Parameters = BM25_DEFAULTS): number {
  const counts = new Map<string, number>();
  for (const stem of documentStems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  const { k1, b } = parameters;
  const lengthNorm = stats.averageLength > 0 ? 1 - b + (b * documentStems.length) / stats.averageLength : 1;
  let score = 0;
  for (const stem of new Set(queryStems)) {
    const tf = counts.get(stem);
    if (!tf) continue;
    score += (idf(stats, stem) * tf * (k1 + 1)) / (tf + k1 * lengthNorm);
  }
  return score;
}
