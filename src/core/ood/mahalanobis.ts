// Mahalanobis detector (Lee et al. 2018; OpenOOD "mds"): class-conditional means, one covariance
// shared by all classes and shrunk toward the scaled identity, all in float64.
// score(x) = min over classes c of sqrt((x - mu_c)^T Sigma^-1 (x - mu_c)); higher = more OOD.
import { OodInputError, SingularCovarianceError } from './errors';
import { cholesky, forwardSubstitute, trace } from './linalg';
import { type Matrix, requireSameWidth, validateMatrix } from './matrix';

/** 'ledoit-wolf' estimates the shrinkage from the data; a number in [0, 1] fixes it. */
export type Shrinkage = 'ledoit-wolf' | number;

export interface MahalanobisOptions {
  shrinkage?: Shrinkage;
}

export interface MahalanobisDetector {
  readonly name: 'mahalanobis';
  /** The class ids found in the labels, ascending. */
  readonly classes: readonly number[];
  /** The shrinkage actually applied: Sigma = (1 - s) S + s (tr(S) / d) I. */
  readonly shrinkage: number;
  score(features: Matrix): Float64Array;
}

function validateLabels(labels: ArrayLike<number>, rows: number): void {
  if (labels.length !== rows) {
    throw new OodInputError(`Mahalanobis: ${labels.length} labels for ${rows} feature rows; give one class label per row.`, {
      labels: labels.length,
      rows,
    });
  }
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isInteger(labels[i]) || labels[i] < 0) {
      throw new OodInputError(`Mahalanobis: label ${i} is ${labels[i]}; class labels must be non-negative integers.`, { row: i });
    }
  }
}

function classMeans(features: Matrix, labels: ArrayLike<number>, classes: number[]): Float64Array[] {
  const d = features.cols;
  const index = new Map(classes.map((label, i) => [label, i]));
  const sums = classes.map(() => new Float64Array(d));
  const counts = new Float64Array(classes.length);
  for (let r = 0; r < features.rows; r++) {
    const c = index.get(labels[r])!;
    counts[c] += 1;
    const sum = sums[c];
    for (let j = 0; j < d; j++) sum[j] += features.data[r * d + j];
  }
  return sums.map((sum, c) => sum.map((value) => value / counts[c]));
}

/** Residuals x - mu_label, as float64 rows. */
function residuals(features: Matrix, labels: ArrayLike<number>, classes: number[], means: Float64Array[]): Float64Array {
  const d = features.cols;
  const index = new Map(classes.map((label, i) => [label, i]));
  const out = new Float64Array(features.rows * d);
  for (let r = 0; r < features.rows; r++) {
    const mean = means[index.get(labels[r])!];
    for (let j = 0; j < d; j++) out[r * d + j] = features.data[r * d + j] - mean[j];
  }
  return out;
}

/** S = R^T R / n (maximum-likelihood, as scikit-learn's EmpiricalCovariance and LedoitWolf). */
function covariance(r: Float64Array, n: number, d: number): Float64Array {
  const s = new Float64Array(d * d);
  for (let row = 0; row < n; row++) {
    const offset = row * d;
    for (let i = 0; i < d; i++) {
      const ri = r[offset + i];
      if (ri === 0) continue;
      const target = i * d;
      for (let j = 0; j <= i; j++) s[target + j] += ri * r[offset + j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      s[i * d + j] /= n;
      s[j * d + i] = s[i * d + j];
    }
  }
  return s;
}

/**
 * Ledoit-Wolf (2004) shrinkage intensity toward mu I, mu = tr(S)/d, for centred rows R:
 * delta = ||S - mu I||_F^2 / d, beta = (1 / (n^2 d)) sum_n ||r_n r_n^T - S||_F^2 = ((1/n) sum_n ||r_n||^4 - ||S||_F^2) / (n d),
 * shrinkage = min(beta, delta) / delta (the formula scikit-learn's ledoit_wolf_shrinkage uses).
 */
export function ledoitWolfShrinkage(r: Float64Array, s: Float64Array, n: number, d: number): number {
  const mu = trace(s, d) / d;
  let frobenius = 0;
  for (let i = 0; i < s.length; i++) frobenius += s[i] * s[i];
  const delta = (frobenius - 2 * mu * trace(s, d) + d * mu * mu) / d;
  if (delta <= 0) return 0;
  let fourth = 0;
  for (let row = 0; row < n; row++) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += r[row * d + j] * r[row * d + j];
    fourth += norm * norm;
  }
  const beta = Math.max(0, (fourth / n - frobenius) / (n * d));
  return Math.min(beta, delta) / delta;
}

function resolveShrinkage(option: Shrinkage): Shrinkage {
  if (option === 'ledoit-wolf') return option;
  if (typeof option !== 'number' || !(option >= 0 && option <= 1)) {
    throw new OodInputError(`Mahalanobis: shrinkage ${String(option)} is not 'ledoit-wolf' or a number from 0 to 1.`, { shrinkage: option });
  }
  return option;
}

export function fitMahalanobis(features: Matrix, labels: ArrayLike<number>, options: MahalanobisOptions = {}): MahalanobisDetector {
  const shrinkageOption = resolveShrinkage(options.shrinkage ?? 'ledoit-wolf');
  validateMatrix(features, 'ID train features');
  validateLabels(labels, features.rows);
  const { rows: n, cols: d } = features;
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  if (n <= classes.length) {
    throw new OodInputError(`Mahalanobis: ${n} training rows for ${classes.length} classes; the shared covariance needs more rows than classes.`, {
      rows: n,
      classes: classes.length,
    });
  }
  const means = classMeans(features, labels, classes);
  const r = residuals(features, labels, classes, means);
  const s = covariance(r, n, d);
  const mu = trace(s, d) / d;
  if (!(mu > 0)) {
    throw new SingularCovarianceError('Mahalanobis: every training feature equals its class mean, so there is no spread to measure.', { rows: n });
  }
  const shrinkage = shrinkageOption === 'ledoit-wolf' ? ledoitWolfShrinkage(r, s, n, d) : shrinkageOption;
  const sigma = s.map((value) => value * (1 - shrinkage));
  for (let i = 0; i < d; i++) sigma[i * d + i] += shrinkage * mu;
  const l = cholesky(sigma, d);
  if (!l) {
    throw new SingularCovarianceError(
      `Mahalanobis: the shared covariance (${d} dimensions, ${n} rows, shrinkage ${shrinkage}) is singular; use shrinkage 'ledoit-wolf' or a value above 0.`,
      { dims: d, rows: n, shrinkage },
    );
  }
  // With Sigma = L L^T, (x - mu)^T Sigma^-1 (x - mu) = ||L^-1 x - L^-1 mu||^2: whiten once, then plain distances.
  const whitenedMeans = means.map((mean) => forwardSubstitute(l, d, mean, new Float64Array(d)));

  return {
    name: 'mahalanobis',
    classes,
    shrinkage,
    score(queries: Matrix): Float64Array {
      validateMatrix(queries, 'features to score');
      requireSameWidth(features, queries, 'ID train features', 'features to score');
      const scores = new Float64Array(queries.rows);
      const z = new Float64Array(d);
      for (let q = 0; q < queries.rows; q++) {
        forwardSubstitute(l, d, queries.data.subarray(q * d, (q + 1) * d), z);
        let best = Infinity;
        for (const mean of whitenedMeans) {
          let sum = 0;
          for (let j = 0; j < d; j++) sum += (z[j] - mean[j]) * (z[j] - mean[j]);
          if (sum < best) best = sum;
        }
        scores[q] = Math.sqrt(best);
      }
      return scores;
    },
  };
}
