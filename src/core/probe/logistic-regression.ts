// Multinomial logistic regression in float64: mean cross-entropy of softmax(x W + b) plus
// (l2 / 2) ||W||^2 (the bias is not penalised), minimised by L-BFGS to a gradient tolerance.
// W is [dim, classes] row-major, the layout of the classifier head's weight (model/gpt.ts).
import { LogisticFitInputError } from './errors';
import { minimizeLbfgs } from './lbfgs';

export interface LabelledFeatures {
  /** [rows, dim] row-major. */
  features: ArrayLike<number>;
  rows: number;
  dim: number;
  /** One class in [0, classes) per row. */
  labels: ArrayLike<number>;
}

export interface LogisticModel {
  /** [dim, classes] row-major. */
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
}

export interface LogisticFitOptions {
  classes: number;
  l2: number;
  maxIterations: number;
  /** Stop when the objective's largest gradient entry is below this. */
  tolerance: number;
  /** Warm start (e.g. the solution at a neighbouring L2 strength). */
  init?: LogisticModel;
}

export interface LogisticFit {
  model: LogisticModel;
  /** The objective (mean cross-entropy + L2 term) at the solution. */
  loss: number;
  iterations: number;
  gradNorm: number;
  converged: boolean;
}

export function checkLabelledFeatures(data: LabelledFeatures, classes: number, what: string): void {
  const { rows, dim } = data;
  if (!(Number.isInteger(rows) && rows > 0 && Number.isInteger(dim) && dim > 0)) throw new LogisticFitInputError(`${what}: needs at least one row and one column, got ${rows} x ${dim}.`, { what });
  if (data.features.length !== rows * dim) throw new LogisticFitInputError(`${what}: ${data.features.length} feature values for ${rows} rows of ${dim}.`, { what });
  if (data.labels.length !== rows) throw new LogisticFitInputError(`${what}: ${data.labels.length} labels for ${rows} rows.`, { what });
  for (let i = 0; i < rows; i++) {
    const label = data.labels[i];
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new LogisticFitInputError(`${what}: row ${i} has label ${label}, outside 0..${classes - 1}.`, { what, row: i });
  }
  for (let i = 0; i < data.features.length; i++) {
    if (!Number.isFinite(data.features[i])) throw new LogisticFitInputError(`${what}: feature ${i % dim} of row ${Math.floor(i / dim)} is ${data.features[i]}.`, { what, row: Math.floor(i / dim) });
  }
}

/** Class probabilities [rows, classes] row-major. */
export function logisticProbabilities(model: LogisticModel, features: ArrayLike<number>, rows: number, dim: number): Float64Array {
  const K = model.classes;
  const probs = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    const z = probs.subarray(i * K, (i + 1) * K);
    z.set(model.bias);
    for (let f = 0; f < dim; f++) {
      const value = features[i * dim + f];
      if (value === 0) continue;
      for (let k = 0; k < K; k++) z[k] += value * model.weights[f * K + k];
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, z[k]);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (z[k] = Math.exp(z[k] - max));
    for (let k = 0; k < K; k++) z[k] /= sum;
  }
  return probs;
}

/** Mean -ln p(label), p floored at 1e-15 as the lab's NLL metric does. */
export function meanNll(probs: Float64Array, labels: ArrayLike<number>, classes: number): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum -= Math.log(Math.max(probs[i * classes + labels[i]], 1e-15));
  return sum / labels.length;
}

function unpack(x: Float64Array, dim: number, classes: number): LogisticModel {
  return { weights: x.subarray(0, dim * classes), bias: x.subarray(dim * classes), classes };
}

/** The objective and its gradient at x = [W, b]. */
export function logisticObjective(data: LabelledFeatures, classes: number, l2: number) {
  const { rows, dim, features, labels } = data;
  const K = classes;
  return (x: Float64Array, gradient: Float64Array): number => {
    const model = unpack(x, dim, K);
    const probs = logisticProbabilities(model, features, rows, dim);
    let loss = 0;
    gradient.fill(0);
    for (let i = 0; i < rows; i++) {
      const p = probs.subarray(i * K, (i + 1) * K);
      loss -= Math.log(Math.max(p[labels[i]], 1e-300));
      p[labels[i]] -= 1;
      for (let f = 0; f < dim; f++) {
        const value = features[i * dim + f];
        if (value === 0) continue;
        for (let k = 0; k < K; k++) gradient[f * K + k] += value * p[k];
      }
      for (let k = 0; k < K; k++) gradient[dim * K + k] += p[k];
    }
    for (let j = 0; j < gradient.length; j++) gradient[j] /= rows;
    let penalty = 0;
    for (let j = 0; j < dim * K; j++) {
      penalty += x[j] * x[j];
      gradient[j] += l2 * x[j];
    }
    return loss / rows + (l2 / 2) * penalty;
  };
}

export function fitLogisticRegression(data: LabelledFeatures, options: LogisticFitOptions): LogisticFit {
  const { classes, l2 } = options;
  checkLabelledFeatures(data, classes, 'logistic regression data');
  if (!(Number.isInteger(classes) && classes >= 2)) throw new LogisticFitInputError(`Logistic regression needs at least two classes, got ${classes}.`, { classes });
  if (!(Number.isFinite(l2) && l2 >= 0)) throw new LogisticFitInputError(`The L2 strength must be a finite number >= 0, got ${l2}.`, { l2 });
  if (!(Number.isInteger(options.maxIterations) && options.maxIterations >= 1)) throw new LogisticFitInputError(`maxIterations must be a positive integer, got ${options.maxIterations}.`, { maxIterations: options.maxIterations });
  if (!(options.tolerance > 0)) throw new LogisticFitInputError(`The gradient tolerance must be > 0, got ${options.tolerance}.`, { tolerance: options.tolerance });
  const size = (data.dim + 1) * classes;
  const start = new Float64Array(size);
  if (options.init) {
    start.set(options.init.weights, 0);
    start.set(options.init.bias, data.dim * classes);
  }
  const result = minimizeLbfgs(logisticObjective(data, classes, l2), start, { maxIterations: options.maxIterations, tolerance: options.tolerance });
  const model = unpack(result.x, data.dim, classes);
  return {
    model: { weights: Float64Array.from(model.weights), bias: Float64Array.from(model.bias), classes },
    loss: result.value,
    iterations: result.iterations,
    gradNorm: result.gradNorm,
    converged: result.converged,
  };
}
