// BPE training. Each distinct piece is counted once, then every merge updates pair counts only in
// the words that contain the merged pair (no recount of the corpus per merge). The most frequent
// pair wins; ties go to the lowest (left id, right id), so the same corpus (in any order) always
// gives the same tokenizer. Ids: bytes 0-255 (id = byte value), special tokens next, merges after.
import { BpeTokenizer, type TokenizerOptions } from './bpe-tokenizer';
import { MAX_VOCAB_SIZE, pairKey, type TokenizerDefinition, type VocabEntry } from './definition';
import { TokenizerConfigError } from './errors';
import { PairQueue } from './pair-queue';
import { forEachPiece } from './pretokenize';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';

export const MIN_TRAINED_VOCAB_SIZE = 512;
export const MAX_TRAINED_VOCAB_SIZE = 8192;

export interface TrainOptions extends TokenizerOptions {
  /** Total tokens: 256 bytes + special tokens + merges, from 512 to 8,192. */
  vocabSize: number;
  /** A pair seen fewer times than this is never merged, so a small corpus may end below vocabSize. Default 2. */
  minPairCount?: number;
  /** Called every few merges with the merges learned so far and the number wanted. */
  onProgress?: (merges: number, targetMerges: number) => void;
}

const utf8Encoder = new TextEncoder();

export function trainTokenizer(texts: Iterable<string>, options: TrainOptions): BpeTokenizer {
  const { vocabSize, minPairCount = 2, onProgress } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < MIN_TRAINED_VOCAB_SIZE || vocabSize > MAX_TRAINED_VOCAB_SIZE) {
    throw new TokenizerConfigError(
      `vocabSize must be an integer from ${MIN_TRAINED_VOCAB_SIZE} to ${MAX_TRAINED_VOCAB_SIZE}, got ${vocabSize}`,
      { vocabSize },
    );
  }
  if (!Number.isInteger(minPairCount) || minPairCount < 1) {
    throw new TokenizerConfigError(`minPairCount must be a positive integer, got ${minPairCount}`, { minPairCount });
  }

  let textCount = 0;
  const pieceCounts = new Map<string, number>();
  for (const text of texts) {
    textCount++;
    forEachPiece(text, (piece) => pieceCounts.set(piece, (pieceCounts.get(piece) ?? 0) + 1));
  }
  if (pieceCounts.size === 0) {
    throw new TokenizerConfigError(`the training corpus has no text (${textCount} texts, all empty)`, { texts: textCount });
  }

  const vocab: VocabEntry[] = [];
  for (let b = 0; b < 256; b++) vocab.push(Uint8Array.of(b));
  for (const name of SPECIAL_TOKEN_NAMES) vocab.push({ special: name });
  const targetMerges = vocabSize - vocab.length;

  // Words as symbol sequences with their corpus frequency; single-byte words hold no pair.
  const symbols: number[][] = [];
  const frequency: number[] = [];
  let corpusBytes = 0;
  for (const [piece, count] of pieceCounts) {
    const bytes = utf8Encoder.encode(piece);
    corpusBytes += bytes.length * count;
    if (bytes.length < 2) continue;
    symbols.push(Array.from(bytes));
    frequency.push(count);
  }

  const pairCounts = new Map<number, number>();
  const wordsWithPair = new Map<number, number[]>();
  const addWordToPair = (key: number, word: number) => {
    const words = wordsWithPair.get(key);
    if (words === undefined) wordsWithPair.set(key, [word]);
    else if (words[words.length - 1] !== word) words.push(word);
  };
  const addCount = (key: number, delta: number) => {
    const count = (pairCounts.get(key) ?? 0) + delta;
    if (count === 0) pairCounts.delete(key);
    else pairCounts.set(key, count);
  };
  symbols.forEach((word, w) => {
    for (let i = 0; i + 1 < word.length; i++) {
      const key = pairKey(word[i], word[i + 1]);
      addCount(key, frequency[w]);
      addWordToPair(key, w);
    }
  });
  const queue = new PairQueue();
  for (const [key, count] of pairCounts) queue.push(key, count);

  const merges: [number, number][] = [];
  while (merges.length < targetMerges) {
    const top = queue.pop();
    if (top === undefined) break;
    const count = pairCounts.get(top.key) ?? 0;
    if (count !== top.count) {
      if (count > 0) queue.push(top.key, count);
      continue;
    }
    if (count < minPairCount) break;

    const left = Math.floor(top.key / MAX_VOCAB_SIZE);
    const right = top.key % MAX_VOCAB_SIZE;
    const newId = vocab.length;
    merges.push([left, right]);
    vocab.push(concatBytes(vocab[left] as Uint8Array, vocab[right] as Uint8Array));

    const newPairs = new Set<number>();
    for (const w of wordsWithPair.get(top.key) ?? []) {
      const before = symbols[w];
      const after = mergePair(before, left, right, newId);
      if (after === null) continue;
      const f = frequency[w];
      for (let i = 0; i + 1 < before.length; i++) addCount(pairKey(before[i], before[i + 1]), -f);
      for (let i = 0; i + 1 < after.length; i++) {
        const key = pairKey(after[i], after[i + 1]);
        addCount(key, f);
        if (after[i] === newId || after[i + 1] === newId) {
          addWordToPair(key, w);
          newPairs.add(key);
        }
      }
      symbols[w] = after;
    }
    wordsWithPair.delete(top.key);
    pairCounts.delete(top.key);
    for (const key of newPairs) {
      const newCount = pairCounts.get(key);
      if (newCount !== undefined) queue.push(key, newCount);
    }
    if (onProgress && merges.length % 64 === 0) onProgress(merges.length, targetMerges);
  }
  onProgress?.(merges.length, targetMerges);

  const definition: TokenizerDefinition = {
    vocab,
    merges,
    pretokenizer: 'gpt2',
    ignoreMerges: false,
    training: { requestedVocabSize: vocabSize, minPairCount, texts: textCount, bytes: corpusBytes, distinctWords: pieceCounts.size },
  };
  return new BpeTokenizer(definition, 'trained tokenizer', options);
}

/** The word with every (left, right) replaced by merged, left to right; null if the pair is absent. */
function mergePair(word: readonly number[], left: number, right: number, merged: number): number[] | null {
  let out: number[] | null = null;
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] === left && word[i + 1] === right) {
      out ??= word.slice(0, i);
      out.push(merged);
      i++;
    } else if (out !== null) {
      out.push(word[i]);
    }
  }
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
