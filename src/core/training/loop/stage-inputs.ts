// The data of each stage, built from examples and a tokenizer.
import type { Example } from '../../data/schema';
import type { BpeTokenizer } from '../../tokenizer';
import { createRng } from '../../random';
import { textWords } from '../../text/words';
import { encodeExamples, encodePairs, requireLabels } from './encode';
import { TrainerInputError } from './errors';
import type { PairMatching } from './pair-matches';
import { corpusDocuments, encodeDocuments, itemDocument, packDocuments, splitHeldOut, truncateDocuments } from './lm-corpus';
import type { StageData } from './stage-runner';

export interface PretrainInputs {
  /** Packed windows of the training documents, then (with pairs) one relevance prompt per pair. */
  train: StageData;
  /** Held-out documents, each [BOS] text [EOS] cut to the window length (for the LM check). */
  heldOut: Int32Array[];
  /** The training documents unpacked (for the unigram baseline). */
  trainDocuments: Int32Array[];
  documents: { train: number; heldOut: number; pairs: number };
}

export interface PretrainOptions {
  /** Share of the distinct texts kept out for the held-out LM loss. Default 0.05. */
  heldOutFraction?: number;
  /**
   * Also train on the relevance prompts [BOS] [Q] query [I] item [CLS] of the examples (no grades
   * used). Default true: the LM then learns the prompt's structure tokens and to predict an
   * item's text from the query before it, which is the comparison the classifier builds on.
   * Pairs whose query or item text is held out are left out.
   */
  pairs?: boolean;
  /**
   * A model with match signals: its prompts carry match channels (pair-matches.ts), and with
   * `shuffledPairs` each prompt also gets a shuffled twin for the matched-vs-shuffled objective.
   */
  matching?: PairMatching | null;
  /**
   * Add, for every prompt, the same query with another pair's item (half of them an item sharing
   * a word with the query, so the decision needs more than "any overlap"), and give train.labels:
   * 1 real pair, 0 shuffled, -1 plain text. Needs `matching`. Default false.
   */
  shuffledPairs?: boolean;
  /** Seed of the shuffled pairing. Default 1. */
  seed?: number;
}

/** Pretraining text: the distinct queries and item texts of `examples` (some held out), and their relevance prompts. */
export function pretrainInputs(tokenizer: BpeTokenizer, examples: readonly Example[], windowLength: number, options: PretrainOptions = {}): PretrainInputs {
  const { train, heldOut } = splitHeldOut(corpusDocuments(examples), options.heldOutFraction ?? 0.05);
  const trainDocuments = encodeDocuments(tokenizer, train);
  const sequences = packDocuments(trainDocuments, windowLength);
  let pairCount = 0;
  let labels: Int32Array | null = null;
  if (options.pairs ?? true) {
    const held = new Set(heldOut);
    const seen = new Set<string>();
    const pairs = examples.filter((example) => {
      const item = itemDocument(example.item);
      const key = `${example.query}\u0000${item}`;
      if (held.has(example.query) || held.has(item) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const matching = options.matching ?? null;
    const windows = sequences.length;
    for (const prompt of encodePairs(tokenizer, pairs, windowLength, matching)) sequences.push(prompt);
    pairCount = pairs.length;
    if (options.shuffledPairs) {
      if (!matching) throw new TrainerInputError('Shuffled pairs are for a model with match signals: give the matching too.');
      const shuffled = shuffledTwins(pairs, options.seed ?? 1);
      for (const prompt of encodePairs(tokenizer, shuffled, windowLength, matching)) sequences.push(prompt);
      labels = new Int32Array(sequences.length).fill(-1);
      labels.fill(1, windows, windows + pairs.length);
      labels.fill(0, windows + pairs.length);
    }
  }
  return {
    train: { sequences, labels },
    heldOut: truncateDocuments(encodeDocuments(tokenizer, heldOut), windowLength),
    trainDocuments,
    documents: { train: train.length, heldOut: heldOut.length, pairs: pairCount },
  };
}

/** Relevance prompts with their grades (probe, finetune). */
export function classificationInputs(
  tokenizer: BpeTokenizer, examples: readonly Example[], maxLen: number, what = 'training data', matching: PairMatching | null = null,
): StageData {
  requireLabels(examples, what);
  const { sequences, labels } = encodeExamples(tokenizer, examples, maxLen, matching);
  return { sequences, labels };
}

/**
 * Each query with the item of another pair whose query differs: for even-numbered pairs an item
 * that shares a word with the query when there is one (a hard negative), otherwise any.
 */
function shuffledTwins(pairs: readonly Example[], seed: number): Example[] {
  // One pair has no other item to borrow: no twins rather than a "shuffled" copy of itself.
  if (pairs.length < 2) return [];
  const rng = createRng(`shuffled-pairs/${seed}`);
  const byWord = new Map<string, number[]>();
  pairs.forEach((pair, index) => {
    for (const word of new Set(textWords(itemDocument(pair.item)))) {
      let list = byWord.get(word);
      if (!list) byWord.set(word, (list = []));
      list.push(index);
    }
  });
  const pickOther = (candidates: readonly number[], query: string): number | null => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const j = candidates[Math.floor(rng.next() * candidates.length)];
      if (pairs[j].query !== query) return j;
    }
    return null;
  };
  const all = pairs.map((_, i) => i);
  return pairs.map((pair, index) => {
    let other: number | null = null;
    if (index % 2 === 0) {
      const words = textWords(pair.query).filter((word) => byWord.has(word));
      if (words.length > 0) other = pickOther(byWord.get(words[Math.floor(rng.next() * words.length)])!, pair.query);
    }
    other ??= pickOther(all, pair.query) ?? (index + 1) % pairs.length;
    return { ...pair, id: `${pair.id}~shuffled`, item: pairs[other].item, grade: null };
  });
}
