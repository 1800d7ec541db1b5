// The pretraining corpus: the distinct texts of the data (queries and item texts), each a
// document [BOS] text [EOS]. Documents are packed back to back into fixed-length windows, as
// GPT pretraining does, so no batch position is spent on padding.
import type { Example } from '../../data/schema';
import { hashString } from '../../random';
import { itemFieldTexts, type BpeTokenizer } from '../../tokenizer';
import { TrainerInputError } from './errors';

/** An item as one document: its text fields in prompt order, one per line. */
export function itemDocument(item: Example['item']): string {
  return itemFieldTexts(item).join('\n');
}

/** Distinct query and item texts of the examples, in first-seen order. */
export function corpusDocuments(examples: Iterable<Example>): string[] {
  const seen = new Set<string>();
  for (const example of examples) {
    seen.add(example.query);
    seen.add(itemDocument(example.item));
  }
  return [...seen];
}

/**
 * A deterministic held-out split by document text: a document is held out when its hash falls
 * in the first `fraction` of the range, so the same text is always on the same side.
 */
export function splitHeldOut(documents: readonly string[], fraction: number): { train: string[]; heldOut: string[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new TrainerInputError(`held-out fraction must be in [0, 1), got ${fraction}.`);
  const train: string[] = [];
  const heldOut: string[] = [];
  const cut = fraction * 2 ** 32;
  for (const doc of documents) (hashString(`held-out/${doc}`) < cut ? heldOut : train).push(doc);
  return { train, heldOut };
}

/** Each document as [BOS] ids [EOS]. */
export function encodeDocuments(tokenizer: BpeTokenizer, documents: readonly string[]): Int32Array[] {
  return documents.map((doc) => Int32Array.from(tokenizer.encodeDocument(doc)));
}

/**
 * The documents' ids back to back, cut into windows of `windowLength` (the last one shorter).
 * Attention crosses document boundaries inside a window; [EOS] then [BOS] marks each one.
 */
export function packDocuments(documents: readonly Int32Array[], windowLength: number): Int32Array[] {
  if (!Number.isInteger(windowLength) || windowLength < 2) throw new TrainerInputError(`window length must be an integer >= 2, got ${windowLength}.`);
  let total = 0;
  for (const doc of documents) total += doc.length;
  const stream = new Int32Array(total);
  let at = 0;
  for (const doc of documents) {
    stream.set(doc, at);
    at += doc.length;
  }
  const windows: Int32Array[] = [];
  for (let start = 0; start < total; start += windowLength) {
    const window = stream.subarray(start, Math.min(total, start + windowLength));
    if (window.length >= 2) windows.push(window.slice());
  }
  return windows;
}

/** Documents cut to at most maxLen ids each (for per-document evaluation). */
export function truncateDocuments(documents: readonly Int32Array[], maxLen: number): Int32Array[] {
  return documents.map((doc) => (doc.length > maxLen ? doc.slice(0, maxLen) : doc));
}
