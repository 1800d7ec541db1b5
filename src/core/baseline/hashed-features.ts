// Bag-of-words features of a query-item pair, hashed into a fixed number of buckets: the query's
// tokens, the item's tokens, the tokens they share, and one dense feature (share of query tokens
// found in the item). No word order, no comparison of numbers: that is the point of the baseline.
import { hashString } from '../random';
import type { Item } from '../data/schema';

export interface SparseVector {
  indices: number[];
  values: number[];
}

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function itemText(item: Item): string {
  return [item.title, ...Object.entries(item.fields).map(([key, value]) => `${key} ${value}`)].join(' ');
}

/** Index of the dense overlap feature; hashed buckets follow it. */
const OVERLAP_SHARE = 0;

export function featureCount(buckets: number): number {
  return 1 + 3 * buckets;
}

export function pairFeatures(query: string, item: Item, buckets: number): SparseVector {
  const queryTokens = new Set(tokenize(query));
  const itemTokens = new Set(tokenize(itemText(item)));
  const shared = [...queryTokens].filter((token) => itemTokens.has(token));
  const weights = new Map<number, number>();
  const addBlock = (block: number, tokens: Iterable<string>, size: number) => {
    // Each block has unit length, so long queries do not swamp short ones.
    const value = size === 0 ? 0 : 1 / Math.sqrt(size);
    for (const token of tokens) {
      const index = 1 + block * buckets + (hashString(token) % buckets);
      weights.set(index, (weights.get(index) ?? 0) + value);
    }
  };
  addBlock(0, queryTokens, queryTokens.size);
  addBlock(1, itemTokens, itemTokens.size);
  addBlock(2, shared, shared.length);
  weights.set(OVERLAP_SHARE, queryTokens.size === 0 ? 0 : shared.length / queryTokens.size);
  const indices = [...weights.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => weights.get(index)!) };
}
