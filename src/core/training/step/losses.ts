// Classification losses over ordinal grades (0 irrelevant, 1 weak, 2 strong), built from
// composable parts. OCC (Over-Confidence Calibration, the lab's reconstruction) is their sum:
//
//   z' = LogitNorm(z) = z / (tau * ||z||)          (when logitNormTau is set; else z' = z)
//   q  = (1 - eps - s) * onehot(y) + eps * uniform + s * ordinal(y)
//   L  = CE(q, softmax(z')) - beta * H(softmax(z')) + lambda * mean_{a adjacent to y} max(0, m - (z'_y - z'_a))
//
// ordinal(y) spreads mass over the other grades with weight decay^(|k - y| - 1), normalised,
// so the grade next to the gold one gets more than the far one. docs/MODEL.md has the details.

import * as tf from '@tensorflow/tfjs';
import { LabError, registerLabError } from '../../errors';
import { oneHotFloat } from '../../model/ops';
import type { OccConfig } from './occ-config';

// The loss settings and the two shipped compositions live in a tfjs-free file, so the page can show them.
export { CROSS_ENTROPY, DEFAULT_OCC, type OccConfig } from './occ-config';

export class LossConfigError extends LabError {}
registerLabError(LossConfigError);

export function validateOccConfig(config: OccConfig): void {
  const fail = (message: string, key: keyof OccConfig): never => {
    throw new LossConfigError(`Loss config: ${message}`, { key, value: config[key] });
  };
  const { labelSmoothing: eps, ordinalSmoothing: s } = config;
  if (!(eps >= 0 && eps <= 1)) fail(`labelSmoothing must be in [0, 1], got ${eps}.`, 'labelSmoothing');
  if (!(s >= 0 && s <= 1)) fail(`ordinalSmoothing must be in [0, 1], got ${s}.`, 'ordinalSmoothing');
  if (eps + s > 1) fail(`labelSmoothing + ordinalSmoothing must be at most 1, got ${eps + s}.`, 'ordinalSmoothing');
  if (!(config.ordinalDecay > 0 && config.ordinalDecay <= 1)) fail(`ordinalDecay must be in (0, 1], got ${config.ordinalDecay}.`, 'ordinalDecay');
  if (!(config.confidencePenalty >= 0)) fail(`confidencePenalty must be >= 0, got ${config.confidencePenalty}.`, 'confidencePenalty');
  if (config.logitNormTau !== null && !(config.logitNormTau > 0)) fail(`logitNormTau must be > 0 or null, got ${config.logitNormTau}.`, 'logitNormTau');
  if (!(config.marginWeight >= 0)) fail(`marginWeight must be >= 0, got ${config.marginWeight}.`, 'marginWeight');
  if (!(config.margin >= 0)) fail(`margin must be >= 0, got ${config.margin}.`, 'margin');
}

/** Row y is the target distribution for gold grade y: a [K*K] row-major table. */
export function targetTable(numClasses: number, config: OccConfig): Float32Array {
  const K = numClasses;
  const { labelSmoothing: eps, ordinalSmoothing: s, ordinalDecay: gamma } = config;
  const table = new Float32Array(K * K);
  for (let y = 0; y < K; y++) {
    let ordinalTotal = 0;
    for (let k = 0; k < K; k++) if (k !== y) ordinalTotal += gamma ** (Math.abs(k - y) - 1);
    for (let k = 0; k < K; k++) {
      const ordinal = k === y || ordinalTotal === 0 ? 0 : gamma ** (Math.abs(k - y) - 1) / ordinalTotal;
      const gold = k === y ? 1 : 0;
      // With one grade there is nowhere to move mass: the target stays one-hot.
      table[y * K + k] = K === 1 ? 1 : (1 - eps - s) * gold + eps / K + s * ordinal;
    }
  }
  return table;
}

/** Rows of a K x K table picked by labels, as a one-hot matMul (no gather). */
function rowsFor(labels: tf.Tensor1D, table: Float32Array, K: number): tf.Tensor2D {
  return tf.matMul(oneHotFloat(labels, K) as tf.Tensor2D, tf.tensor2d(table, [K, K]));
}

/** Soft targets [N,K] for the given labels. */
export function softTargets(labels: tf.Tensor1D, numClasses: number, config: OccConfig): tf.Tensor2D {
  return rowsFor(labels, targetTable(numClasses, config), numClasses);
}

/** LogitNorm: z / (tau * ||z||_2), per row. The small constant keeps the gradient finite at z = 0. */
export function logitNorm(logits: tf.Tensor2D, tau: number): tf.Tensor2D {
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(logits), -1, true), 1e-12));
  return tf.div(logits, tf.mul(tf.add(norm, 1e-7), tau));
}

/** The logits every OCC term sees (LogitNorm applied when configured). Use them for probabilities too. */
export function trainingLogits(logits: tf.Tensor2D, config: OccConfig): tf.Tensor2D {
  return config.logitNormTau === null ? logits : logitNorm(logits, config.logitNormTau);
}

/** Per-row cross-entropy -sum_k q_k log softmax(z)_k, [N]. */
export function softCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits, -1)), -1)) as tf.Tensor1D;
}

/** Per-row entropy of softmax(z), [N]. */
export function entropy(logits: tf.Tensor2D): tf.Tensor1D {
  const logProbs = tf.logSoftmax(logits, -1);
  return tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), -1)) as tf.Tensor1D;
}

/** Per-row mean over the grades adjacent to gold of max(0, m - (z_y - z_a)), [N]. */
export function adjacentMargin(logits: tf.Tensor2D, labels: tf.Tensor1D, margin: number): tf.Tensor1D {
  const K = logits.shape[1];
  const adjacency = new Float32Array(K * K);
  for (let y = 0; y < K; y++) for (let k = 0; k < K; k++) adjacency[y * K + k] = Math.abs(k - y) === 1 ? 1 : 0;
  const gold = oneHotFloat(labels, K);
  const adjacent = rowsFor(labels, adjacency, K);
  const goldLogit = tf.sum(tf.mul(gold, logits), -1, true);
  const hinge = tf.relu(tf.sub(margin, tf.sub(goldLogit, logits)));
  const count = tf.maximum(tf.sum(adjacent, -1), 1);
  return tf.div(tf.sum(tf.mul(hinge, adjacent), -1), count);
}

export interface OccTerms {
  total: tf.Scalar;
  crossEntropy: tf.Scalar;
  entropy: tf.Scalar;
  margin: tf.Scalar;
}

/** Every term, averaged over the batch, so the effect of each can be reported. */
export function occTerms(logits: tf.Tensor2D, labels: tf.Tensor1D, config: OccConfig): OccTerms {
  validateOccConfig(config);
  const K = logits.shape[1];
  if (labels.shape[0] !== logits.shape[0]) {
    throw new LossConfigError(`Loss: ${labels.shape[0]} labels for ${logits.shape[0]} rows of logits.`);
  }
  const z = trainingLogits(logits, config);
  const crossEntropy = tf.mean(softCrossEntropy(z, softTargets(labels, K, config)));
  const entropyMean = tf.mean(entropy(z));
  const marginMean = tf.mean(adjacentMargin(z, labels, config.margin));
  let total: tf.Tensor = crossEntropy;
  if (config.confidencePenalty > 0) total = tf.sub(total, tf.mul(entropyMean, config.confidencePenalty));
  if (config.marginWeight > 0) total = tf.add(total, tf.mul(marginMean, config.marginWeight));
  return { total: total as tf.Scalar, crossEntropy: crossEntropy as tf.Scalar, entropy: entropyMean as tf.Scalar, margin: marginMean as tf.Scalar };
}

/** The OCC loss (plain cross-entropy with CROSS_ENTROPY). */
export function occLoss(logits: tf.Tensor2D, labels: tf.Tensor1D, config: OccConfig): tf.Scalar {
  return occTerms(logits, labels, config).total;
}
