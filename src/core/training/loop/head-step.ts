// One optimisation step of the classifier head alone, on pooled features computed beforehand.
// With the backbone frozen (and no dropout), classify() = pooled @ classifier.w + classifier.b
// where pooled does not depend on any trained parameter, so this is the same loss and the same
// gradients as a full probe step through the model, at the cost of a [rows, d] @ [d, 3] matMul.
// headFeatures computes those pooled rows once (also for the logistic-regression probe).
import * as tf from '@tensorflow/tfjs';
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import { headInputSize, type Gpt } from '../../model/gpt';
import type { GradientPool } from '../../parallel/gradient-pool';
import { matMul } from '../../model/ops';
import type { AdamW } from '../step/adamw';
import { clipByGlobalNorm } from '../step/clip';
import { occLoss, type OccConfig } from '../step/losses';
import { readSteps, type PendingStep } from '../step/step-readout';
import type { StepResult } from '../step/train-step';
import { TrainerInputError } from './errors';
import { runInference } from './inference';

export interface FeatureBatch {
  /** [rows, dim] row-major. */
  features: Float32Array;
  rows: number;
  labels: Int32Array;
}

/** headStep with its loss and gradient norm read back (one read). */
export async function headStep(model: Gpt, batch: FeatureBatch, loss: OccConfig, optimizer: AdamW, learningRate: number, clipNorm: number): Promise<StepResult> {
  return (await readSteps([queueHeadStep(model, batch, loss, optimizer, learningRate, clipNorm)]))[0];
}

/** The head's step, queued: the loss and gradient norm stay on the device (readSteps reads them). */
export function queueHeadStep(model: Gpt, batch: FeatureBatch, loss: OccConfig, optimizer: AdamW, learningRate: number, clipNorm: number): PendingStep {
  const names = optimizer.trainableNames;
  if (names.some((name) => !name.startsWith('classifier.'))) {
    throw new TrainerInputError('The feature-based probe trains the head only; the optimizer also trains backbone parameters.');
  }
  const d = headInputSize(model.config);
  const [lossTensor, norm] = tf.tidy(() => {
    const x = tf.tensor2d(batch.features, [batch.rows, d]);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const lossOf = (...trainable: tf.Tensor[]): tf.Scalar => {
      const params = new Map<string, tf.Tensor>(model.params);
      names.forEach((name, i) => params.set(name, trainable[i]));
      const logits = tf.add(matMul(x, params.get('classifier.w')!), params.get('classifier.b')!) as tf.Tensor2D;
      return occLoss(logits, labels, loss);
    };
    const { value, grads } = tf.valueAndGrads(lossOf)(names.map((name) => model.params.get(name)!));
    const clipped = clipByGlobalNorm(new Map(names.map((name, i) => [name, grads[i]])), clipNorm);
    optimizer.applyGradients(clipped.grads, learningRate);
    return [value, clipped.norm];
  });
  return { loss: lossTensor, gradNorm: norm };
}

/** The rows at `indices` of a [N, dim] feature matrix, with their labels. */
export function featureRows(features: Float32Array, dim: number, labels: Int32Array, indices: readonly number[]): FeatureBatch {
  const out = new Float32Array(indices.length * dim);
  indices.forEach((index, row) => out.set(features.subarray(index * dim, (index + 1) * dim), row * dim));
  return { features: out, rows: indices.length, labels: Int32Array.from(indices, (i) => labels[i]) };
}

export interface HeadFeatureOptions {
  batchSize: number;
  pool?: GradientPool | null;
  control?: JobControl;
  onProgress?: ProgressCallback;
}

/** The head's input rows ([rows, headInputSize] row-major) of the sequences, reported as 'probe-features'. */
export async function headFeatures(model: Gpt, sequences: readonly Int32Array[], options: HeadFeatureOptions): Promise<Float32Array> {
  const output = await runInference(model, sequences, {
    batchSize: Math.max(options.batchSize, 32),
    pooled: true,
    pool: options.pool,
    onBatch: async (done, total) => {
      await options.control?.betweenSteps();
      await options.onProgress?.({ stage: 'probe-features', step: done, total, etaSeconds: null, elapsedSeconds: 0, figures: {} });
    },
  });
  return output.pooled!;
}
