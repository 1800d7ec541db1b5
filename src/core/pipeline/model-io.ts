// Models for a stage: restored from a checkpoint, always disposed; pairs run through it in batches.
import { pairMatchingFor } from '../training/loop/pair-matches';
import { restoreModel } from '../checkpoint/capture';
import type { ModelCheckpoint } from '../checkpoint/types';
import type { Example } from '../data/schema';
import { disposeGpt, headInputSize, type Gpt } from '../model/gpt';
import type { Matrix } from '../ood/matrix';
import type { BpeTokenizer } from '../tokenizer';
import { encodePairs } from '../training/loop/encode';
import type { GradientPool } from '../parallel/gradient-pool';
import { runInference, type InferenceOutput } from '../training/loop/inference';
import { checkpointTokenizer } from '../training/loop/model-setup';
import type { RowProgress } from './progress';

export async function withModel<T>(checkpoint: ModelCheckpoint, where: string, use: (model: Gpt, tokenizer: BpeTokenizer) => Promise<T>): Promise<T> {
  const tokenizer = checkpointTokenizer(checkpoint, where);
  const model = restoreModel(checkpoint, where);
  try {
    return await use(model, tokenizer);
  } finally {
    disposeGpt(model);
  }
}

export interface InferOptions {
  batchSize: number;
  pooled?: boolean;
  progress?: RowProgress;
  pool?: GradientPool | null;
}

/** Logits (and pooled [CLS] states) of the examples' relevance prompts, in input order. */
export function inferExamples(model: Gpt, tokenizer: BpeTokenizer, examples: readonly Example[], options: InferOptions): Promise<InferenceOutput> {
  const sequences = encodePairs(tokenizer, examples, model.config.contextLength, pairMatchingFor(model.config));
  return runInference(model, sequences, { batchSize: options.batchSize, pooled: options.pooled, onBatch: options.progress?.part(), pool: options.pool });
}

export function pooledMatrix(output: InferenceOutput, model: Gpt): Matrix {
  return { data: output.pooled!, rows: output.rows, cols: headInputSize(model.config) };
}

export function logitMatrix(output: InferenceOutput, model: Gpt): Matrix {
  return { data: output.logits, rows: output.rows, cols: model.config.numClasses };
}
