// Multinomial logistic regression on sparse features, trained with plain mini-batch gradient
// descent (no momentum, no adaptive steps) and L2 weight decay. Seeded, so runs repeat exactly.
import { createRng } from '../random';
import type { SparseVector } from './hashed-features';

export interface SoftmaxRegressionOptions {
  classes: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  l2: number;
  seed: number;
}

export interface SoftmaxRegression {
  dimensions: number;
  classes: number;
  /** weights[feature * classes + class]. */
  weights: Float64Array;
  bias: Float64Array;
}

export function probabilities(model: SoftmaxRegression, x: SparseVector): number[] {
  const { classes, weights, bias } = model;
  const logits = Array.from(bias);
  for (let n = 0; n < x.indices.length; n++) {
    const row = x.indices[n] * classes;
    for (let k = 0; k < classes; k++) logits[k] += weights[row + k] * x.values[n];
  }
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function predictClass(model: SoftmaxRegression, x: SparseVector): number {
  const p = probabilities(model, x);
  return p.indexOf(Math.max(...p));
}

export function trainSoftmaxRegression(
  inputs: readonly SparseVector[],
  labels: readonly number[],
  dimensions: number,
  options: SoftmaxRegressionOptions,
): SoftmaxRegression {
  const { classes, epochs, learningRate, batchSize, l2 } = options;
  const model: SoftmaxRegression = { dimensions, classes, weights: new Float64Array(dimensions * classes), bias: new Float64Array(classes) };
  const rng = createRng(options.seed);
  const order = inputs.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const shuffled = rng.shuffle(order);
    for (let start = 0; start < shuffled.length; start += batchSize) {
      const batch = shuffled.slice(start, start + batchSize);
      const step = learningRate / batch.length;
      // Gradient of the mean cross-entropy: (p - onehot) x, accumulated per touched weight.
      const gradients = new Map<number, number>();
      const biasGradient = new Float64Array(classes);
      for (const i of batch) {
        const x = inputs[i];
        const p = probabilities(model, x);
        p[labels[i]] -= 1;
        for (let k = 0; k < classes; k++) biasGradient[k] += p[k];
        for (let n = 0; n < x.indices.length; n++) {
          const row = x.indices[n] * classes;
          for (let k = 0; k < classes; k++) gradients.set(row + k, (gradients.get(row + k) ?? 0) + p[k] * x.values[n]);
        }
      }
      // Weight decay is applied lazily to the weights this batch touches, which keeps a step sparse.
      for (const [index, gradient] of gradients) model.weights[index] -= step * gradient + learningRate * l2 * model.weights[index];
      for (let k = 0; k < classes; k++) model.bias[k] -= step * biasGradient[k];
    }
  }
  return model;
}
