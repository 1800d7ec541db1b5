// Scoring query-item pairs with a trained model: grade probabilities and the expected grade,
// raw logits (for MSP / energy OOD scores) and pooled features (for Mahalanobis / kNN).
import { pairMatchingFor } from './pair-matches';
import { headInputSize, type Gpt } from '../../model/gpt';
import type { BpeTokenizer } from '../../tokenizer';
import { encodePairs, type QueryItemPair } from './encode';
import { runInference, type InferenceOptions } from './inference';

export interface ScoreOptions {
  batchSize?: number;
  /** Longest prompt; default the model's context length. */
  maxLen?: number;
  /** For a model trained with LogitNorm: probabilities from the normalised logits, as in training. */
  logitNormTau?: number | null;
  /** Helper threads to share the batches with (runInference). */
  pool?: InferenceOptions['pool'];
}

export interface PairScore {
  /** P(grade 0), P(grade 1), P(grade 2). */
  probs: number[];
  /** sum_k k * p_k / 2, in [0, 1]: the ranking score. */
  expectedGrade: number;
}

export interface Matrix {
  rows: number;
  columns: number;
  /** Row-major [rows, columns]. */
  data: Float32Array;
}

function encode(model: Gpt, tokenizer: BpeTokenizer, pairs: readonly QueryItemPair[], options: ScoreOptions): Int32Array[] {
  return encodePairs(tokenizer, pairs, options.maxLen ?? model.config.contextLength, pairMatchingFor(model.config));
}

/** Softmax of one row of logits (LogitNorm applied first when tau is given), as numbers. */
export function probabilities(row: ArrayLike<number>, logitNormTau: number | null = null): number[] {
  let z = Array.from(row);
  if (logitNormTau !== null) {
    const norm = Math.sqrt(z.reduce((sum, v) => sum + v * v, 0) + 1e-12);
    z = z.map((v) => v / ((norm + 1e-7) * logitNormTau));
  }
  const max = Math.max(...z);
  const exps = z.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / total);
}

export async function score(model: Gpt, tokenizer: BpeTokenizer, pairs: readonly QueryItemPair[], options: ScoreOptions = {}): Promise<PairScore[]> {
  const K = model.config.numClasses;
  const { logits } = await runInference(model, encode(model, tokenizer, pairs, options), { batchSize: options.batchSize, pool: options.pool });
  return pairs.map((_, i) => {
    const probs = probabilities(logits.subarray(i * K, (i + 1) * K), options.logitNormTau ?? null);
    const expectedGrade = probs.reduce((sum, p, k) => sum + k * p, 0) / (K - 1);
    return { probs, expectedGrade };
  });
}

/** Grade logits [pairs, numClasses]. */
export async function logits(model: Gpt, tokenizer: BpeTokenizer, pairs: readonly QueryItemPair[], options: ScoreOptions = {}): Promise<Matrix> {
  const out = await runInference(model, encode(model, tokenizer, pairs, options), { batchSize: options.batchSize, pool: options.pool });
  return { rows: out.rows, columns: model.config.numClasses, data: out.logits };
}

/** Pooled [CLS] states [pairs, dModel]: the features OOD detectors use. */
export async function features(model: Gpt, tokenizer: BpeTokenizer, pairs: readonly QueryItemPair[], options: ScoreOptions = {}): Promise<Matrix> {
  const out = await runInference(model, encode(model, tokenizer, pairs, options), { batchSize: options.batchSize, pooled: true, pool: options.pool });
  return { rows: out.rows, columns: headInputSize(model.config), data: out.pooled! };
}
