// The logistic-regression probe: multinomial logistic regression on the head's frozen input
// features, one fit per L2 strength of a grid (strongest first, each warm-started from the last),
// the strength chosen by NLL on ID val rows, and that fit kept. Features are standardised by the
// train rows' mean and spread before fitting (so one grid suits any feature scale), then the
// scaling is folded back into W and b, which therefore act on the raw features as the head does.
import { macroF1 } from '../metrics/classification';
import { LogisticFitInputError } from './errors';
import { checkLabelledFeatures, fitLogisticRegression, logisticProbabilities, meanNll, type LabelledFeatures, type LogisticModel } from './logistic-regression';

export interface LogisticProbeOptions {
  classes: number;
  /** L2 strengths tried (on standardised features); each > 0. */
  l2Grid: readonly number[];
  maxIterations: number;
  tolerance: number;
}

export interface LogisticGridPoint {
  l2: number;
  valNll: number;
  valMacroF1: number;
  /** Mean cross-entropy + L2 term on the train rows at the solution. */
  trainLoss: number;
  iterations: number;
  /** Largest entry of the objective's gradient at the solution. */
  gradNorm: number;
  converged: boolean;
}

export interface LogisticProbeFit {
  /** [dim, classes] row-major and [classes], on the raw features. */
  weights: Float32Array;
  bias: Float32Array;
  /** The grid point kept (lowest val NLL). */
  chosen: LogisticGridPoint;
  /** Every grid point, by increasing L2. */
  grid: LogisticGridPoint[];
}

interface Scaling {
  mean: Float64Array;
  scale: Float64Array;
}

function columnScaling(data: LabelledFeatures): Scaling {
  const { rows, dim, features } = data;
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (let i = 0; i < rows; i++) for (let f = 0; f < dim; f++) mean[f] += features[i * dim + f] / rows;
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < dim; f++) scale[f] += (features[i * dim + f] - mean[f]) ** 2 / rows;
  }
  // A constant column stays centred at zero, and its weight at zero under any L2.
  for (let f = 0; f < dim; f++) scale[f] = scale[f] > 1e-24 ? Math.sqrt(scale[f]) : 1;
  return { mean, scale };
}

function standardised(data: LabelledFeatures, { mean, scale }: Scaling): LabelledFeatures {
  const { rows, dim } = data;
  const features = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) for (let f = 0; f < dim; f++) features[i * dim + f] = (data.features[i * dim + f] - mean[f]) / scale[f];
  return { ...data, features };
}

/** W and b on the raw features from a fit on the standardised ones. */
function onRawFeatures(model: LogisticModel, { mean, scale }: Scaling): LogisticModel {
  const K = model.classes;
  const weights = new Float64Array(model.weights.length);
  const bias = Float64Array.from(model.bias);
  for (let f = 0; f < mean.length; f++) {
    for (let k = 0; k < K; k++) {
      weights[f * K + k] = model.weights[f * K + k] / scale[f];
      bias[k] -= mean[f] * weights[f * K + k];
    }
  }
  return { weights, bias, classes: K };
}

function argmaxRows(probs: Float64Array, rows: number, classes: number): number[] {
  return Array.from({ length: rows }, (_, i) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    return best;
  });
}

export function fitLogisticProbe(train: LabelledFeatures, val: LabelledFeatures, options: LogisticProbeOptions): LogisticProbeFit {
  const { classes } = options;
  if (options.l2Grid.length === 0 || options.l2Grid.some((l2) => !(Number.isFinite(l2) && l2 > 0))) {
    throw new LogisticFitInputError(`The L2 grid must hold at least one finite strength > 0, got ${JSON.stringify(options.l2Grid)}.`, { l2Grid: [...options.l2Grid] });
  }
  checkLabelledFeatures(val, classes, 'logistic probe val rows');
  if (val.dim !== train.dim) throw new LogisticFitInputError(`The val features have ${val.dim} columns, the train features ${train.dim}.`, { train: train.dim, val: val.dim });
  const scaling = columnScaling(train);
  const scaledTrain = standardised(train, scaling);
  const valLabels = Array.from(val.labels);
  const grid: (LogisticGridPoint & { model: LogisticModel })[] = [];
  let warm: LogisticModel | undefined;
  for (const l2 of [...new Set(options.l2Grid)].sort((a, b) => b - a)) {
    const fit = fitLogisticRegression(scaledTrain, { classes, l2, maxIterations: options.maxIterations, tolerance: options.tolerance, init: warm });
    warm = fit.model;
    const model = onRawFeatures(fit.model, scaling);
    const probs = logisticProbabilities(model, val.features, val.rows, val.dim);
    grid.push({
      l2,
      valNll: meanNll(probs, val.labels, classes),
      valMacroF1: macroF1(valLabels, argmaxRows(probs, val.rows, classes), classes),
      trainLoss: fit.loss,
      iterations: fit.iterations,
      gradNorm: fit.gradNorm,
      converged: fit.converged,
      model,
    });
  }
  const best = grid.reduce((a, b) => (b.valNll < a.valNll ? b : a));
  const point = ({ model: _model, ...rest }: (typeof grid)[number]): LogisticGridPoint => rest;
  return {
    weights: Float32Array.from(best.model.weights),
    bias: Float32Array.from(best.model.bias),
    chosen: point(best),
    grid: grid.map(point).sort((a, b) => a.l2 - b.l2),
  };
}
