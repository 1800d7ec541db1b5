// The data of each stage, built from examples and a tokenizer.
import type { Example } from '../data/schema';
import type { BpeTokenizer } from '../tokenizer';
import { encodeExamples, encodePairs, requireLabels } from './encode';
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
}

/** Pretraining text: the distinct queries and item texts of `examples` (some held out), and their relevance prompts. */
export function pretrainInputs(tokenizer: BpeTokenizer, examples: readonly Example[], windowLength: number, options: PretrainOptions = {}): PretrainInputs {
  const { train, heldOut } = splitHeldOut(corpusDocuments(examples), options.heldOutFraction ?? 0.05);
  const trainDocuments = encodeDocuments(tokenizer, train);
  const sequences = packDocuments(trainDocuments, windowLength);
  let pairCount = 0;
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
    for (const prompt of encodePairs(tokenizer, pairs, windowLength)) sequences.push(prompt);
    pairCount = pairs.length;
  }
  return {
    train: { sequences },
    heldOut: truncateDocuments(encodeDocuments(tokenizer, heldOut), windowLength),
    trainDocuments,
    documents: { train: train.length, heldOut: heldOut.length, pairs: pairCount },
  };
}

/** Relevance prompts with their grades (probe, finetune). */
export function classificationInputs(tokenizer: BpeTokenizer, examples: readonly Example[], maxLen: number, what = 'training data'): StageData {
  requireLabels(examples, what);
  const { sequences, labels } = encodeExamples(tokenizer, examples, maxLen);
  return { sequences, labels };
}
