// One optimisation step: loss, gradients of the trainable parameters, clipping, AdamW update.
// Everything runs inside tf.tidy; what leaves is two scalars on the device (the loss and the norm),
// read back by the caller when it wants them (step-readout.ts).

import * as tf from '@tensorflow/tfjs';
import { ModelInputError, classify, lmAndPairsLoss, lmLoss, type ForwardOptions, type Gpt, type GptConfig, type ParamMap } from '../../model/gpt';
import { packedIdLimit } from '../../model/match-signals';
import { batchInputs } from './batch-inputs';
import type { AdamW } from './adamw';
import { checkedMaxNorm, clipByGlobalNorm } from './clip';
import { sumOfSquares } from '../../model/webgpu/fused-adamw';
import { labSumOfSquares } from '../../model/kernels/sum-of-squares';
import { fusedCpuKernels, fusedWebGpuKernels } from '../../model/fused-switch';
import { occLoss, type OccConfig } from './losses';
import { readSteps, type PendingStep } from './step-readout';

/** A batch as the tokenizer produces it: row-major ids, right-padded to a common length. */
export interface TokenBatch {
  ids: Int32Array;
  rows: number;
  length: number;
  /** Position of [CLS] in each row (classification only). */
  pooledIndex?: Int32Array;
  /**
   * Gold grade of each row (classification); with the pairs objective of pretraining, 1 for a real
   * query-item prompt, 0 for a shuffled one, -1 for plain text.
   */
  labels?: Int32Array;
}

/**
 * 'lm': next-token loss; with `pairsWeight` (models with match signals) plus the matched-vs-shuffled
 * decision of model/gpt.ts lmAndPairsLoss, one decision counting as that many LM tokens.
 */
export type Objective = { kind: 'lm'; pairsWeight?: number } | { kind: 'classify'; loss: OccConfig };

export interface StepOptions {
  learningRate: number;
  /** Global-norm clipping threshold; Infinity turns clipping off. Default 1. */
  clipNorm?: number;
  /** Seed of this step's dropout masks (only used when the model has dropout). */
  dropoutSeed?: number;
}

export interface StepResult {
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export function validateBatch(batch: TokenBatch, config: GptConfig, objective: Objective): void {
  const { ids, rows, length } = batch;
  if (!(rows >= 1 && length >= 1) || ids.length !== rows * length) {
    throw new ModelInputError(`Batch: ${ids.length} ids do not fill ${rows} rows of length ${length}.`, { rows, length });
  }
  if (objective.kind === 'lm' && length < 2) throw new ModelInputError('Batch: language modelling needs rows of at least 2 tokens.');
  const limit = packedIdLimit(config.vocabSize, config.matchSignals);
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= limit) {
      throw new ModelInputError(`Batch: token id ${ids[i]} at row ${Math.floor(i / length)}, position ${i % length} is outside the vocabulary (size ${config.vocabSize}${limit > config.vocabSize ? ` with match channels: ids below ${limit}` : ''}).`);
    }
  }
  if (objective.kind === 'lm' && objective.pairsWeight !== undefined) {
    if (!(objective.pairsWeight >= 0 && Number.isFinite(objective.pairsWeight))) throw new ModelInputError(`Batch: the pairs weight must be a finite number >= 0, got ${objective.pairsWeight}.`);
    const { pooledIndex, labels } = batch;
    if (!pooledIndex || pooledIndex.length !== rows || !labels || labels.length !== rows) throw new ModelInputError(`Batch: the pairs objective needs ${rows} pooled indices and ${rows} pair labels.`);
    for (let r = 0; r < rows; r++) {
      if (labels[r] < -1 || labels[r] > 1) throw new ModelInputError(`Batch: pair label ${labels[r]} of row ${r} is not -1 (text), 0 (shuffled) or 1 (real pair).`);
    }
  }
  if (objective.kind !== 'classify') return;
  const { pooledIndex, labels } = batch;
  if (!pooledIndex || pooledIndex.length !== rows) throw new ModelInputError(`Batch: classification needs ${rows} pooled indices.`);
  if (!labels || labels.length !== rows) throw new ModelInputError(`Batch: classification needs ${rows} labels.`);
  for (let r = 0; r < rows; r++) {
    if (pooledIndex[r] < 0 || pooledIndex[r] >= length) throw new ModelInputError(`Batch: pooled index ${pooledIndex[r]} of row ${r} is outside [0, ${length}).`);
    if (labels[r] < 0 || labels[r] >= config.numClasses) throw new ModelInputError(`Batch: label ${labels[r]} of row ${r} is not a grade in [0, ${config.numClasses}).`);
  }
}

/** The objective's scalar loss (for training and for evaluation without gradients). */
export function objectiveLoss(config: GptConfig, params: ParamMap, batch: TokenBatch, objective: Objective, options: ForwardOptions = {}): tf.Scalar {
  const inputs = batchInputs(config, batch);
  if (objective.kind === 'lm') {
    return objective.pairsWeight === undefined
      ? lmLoss(config, params, inputs, options)
      : lmAndPairsLoss(config, params, inputs, tf.tensor1d(batch.labels!, 'int32'), objective.pairsWeight, options);
  }
  const { logits } = classify(config, params, inputs, options);
  return occLoss(logits, tf.tensor1d(batch.labels!, 'int32'), objective.loss);
}

/** Clips the gradients by global norm and applies AdamW; returns the norm before clipping. Call inside tf.tidy. */
export function applyUpdate(grads: ReadonlyMap<string, tf.Tensor>, optimizer: AdamW, options: StepOptions): tf.Scalar {
  const fusedSumOfSquares = fusedWebGpuKernels() ? sumOfSquares : fusedCpuKernels() ? labSumOfSquares : null;
  if (fusedSumOfSquares) {
    const maxNorm = checkedMaxNorm(options.clipNorm ?? 1);
    const total = fusedSumOfSquares([...grads.values()]);
    optimizer.applyGradients(grads, options.learningRate, { sumOfSquares: total, maxNorm });
    return tf.reshape(tf.sqrt(total), []) as tf.Scalar;
  }
  const clipped = clipByGlobalNorm(grads, options.clipNorm ?? 1);
  optimizer.applyGradients(clipped.grads, options.learningRate);
  return clipped.norm;
}

/** One step, queued: nothing is read back; the loss and norm stay on the device (readSteps reads them). */
export function queueTrainStep(model: Gpt, batch: TokenBatch, objective: Objective, optimizer: AdamW, options: StepOptions): PendingStep {
  validateBatch(batch, model.config, objective);
  const names = optimizer.trainableNames;
  if (names.length === 0) throw new ModelInputError('Training step: no parameter is trainable in this stage.');
  const forward: ForwardOptions = { training: true, dropoutSeed: options.dropoutSeed };
  const [loss, norm] = tf.tidy(() => {
    const lossOf = (...trainable: tf.Tensor[]): tf.Scalar => {
      const params = new Map<string, tf.Tensor>(model.params);
      names.forEach((name, i) => params.set(name, trainable[i]));
      return objectiveLoss(model.config, params, batch, objective, forward);
    };
    const { value, grads } = tf.valueAndGrads(lossOf)(names.map((name) => model.params.get(name)!));
    return [value, applyUpdate(new Map(names.map((name, i) => [name, grads[i]])), optimizer, options)];
  });
  return { loss, gradNorm: norm };
}

/** One step, with its loss and gradient norm read back (one read). */
export async function trainStep(model: Gpt, batch: TokenBatch, objective: Objective, optimizer: AdamW, options: StepOptions): Promise<StepResult> {
  return (await readSteps([queueTrainStep(model, batch, objective, optimizer, options)]))[0];
}
