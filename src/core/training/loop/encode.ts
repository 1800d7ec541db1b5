// Tokenises examples once: each (query, item) becomes the relevance prompt
// [BOS] [Q] query [I] title [SEP] field ... [CLS], at most maxLen ids.
import type { Example, Item } from '../../data/schema';
import { itemFieldTexts, type BpeTokenizer } from '../../tokenizer';
import { TrainerInputError } from './errors';
import { encodeMatchedPair, type PairMatching } from './pair-matches';

/** A query and an item: an Item (its fields in display order) or the item's text fields already split. */
export interface QueryItemPair {
  query: string;
  item: Item | string | readonly string[];
}

export interface EncodedPairs {
  /** One id sequence per pair, each ending in [CLS]. */
  sequences: Int32Array[];
  /** Gold grades, or null when some pair has none (the pool). */
  labels: Int32Array | null;
}

function itemTexts(item: QueryItemPair['item']): string | readonly string[] {
  return typeof item === 'string' || Array.isArray(item) ? (item as string | readonly string[]) : itemFieldTexts(item as Item);
}

/** One prompt per pair; with `matching` (a model with match signals, pairMatchingFor) its ids carry match channels. */
export function encodePairs(tokenizer: BpeTokenizer, pairs: readonly QueryItemPair[], maxLen: number, matching: PairMatching | null = null): Int32Array[] {
  return pairs.map((pair) => {
    const texts = itemTexts(pair.item);
    if (!matching) return Int32Array.from(tokenizer.encodePair(pair.query, texts, maxLen));
    return Int32Array.from(encodeMatchedPair(tokenizer, pair.query, typeof texts === 'string' ? [texts] : texts, maxLen, matching));
  });
}

/** Sequences and (when every example has one) grades. */
export function encodeExamples(tokenizer: BpeTokenizer, examples: readonly Example[], maxLen: number, matching: PairMatching | null = null): EncodedPairs {
  const sequences = encodePairs(tokenizer, examples, maxLen, matching);
  const labelled = examples.every((example) => example.grade !== null);
  return { sequences, labels: labelled ? Int32Array.from(examples, (example) => example.grade!) : null };
}

/** Labels for a classification stage, or a clear error naming the first unlabelled example. */
export function requireLabels(examples: readonly Example[], what: string): void {
  const missing = examples.find((example) => example.grade === null);
  if (missing) throw new TrainerInputError(`${what}: example "${missing.id}" has no grade; classification needs labelled data.`, { id: missing.id });
}
