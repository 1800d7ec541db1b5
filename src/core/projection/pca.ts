// Principal component analysis for the DASA scatter: the top components of the centred data by power
// iteration with deflation, in float64, without tfjs (the engine worker calls it; the page only draws).
//
//   centre:   x'_n = x_n - mean
//   cov:      C = (1/n) sum_n x'_n x'_n^T   (formed once when d is small, else applied as X'^T (X' v) / n)
//   power:    v <- C v / |C v| until the direction stops changing; lambda = v^T C v
//   deflate:  the next component iterates C_k v = C v - sum_{j<k} lambda_j (v_j . v) v_j, and is kept
//             orthogonal to the components found so far
//   sign:     each component is flipped so that its largest-magnitude entry is positive (first such
//             entry on a tie), so the same data always gives the same picture
import type { Matrix } from '../ood/matrix';
import { createRng } from '../random';
import { ProjectionInputError } from './errors';

export interface PcaOptions {
  /** Components to find; default 2. */
  components?: number;
  /** Iterations per component at most; default 1000. */
  maxIterations?: number;
  /** Stop when the unit direction moves less than this (Euclidean) in one iteration; default 1e-9. */
  tolerance?: number;
}

export interface PcaModel {
  /** Column means of the data the model was fitted on. */
  mean: Float64Array;
  /** Unit-length principal directions, largest variance first. */
  components: Float64Array[];
  /** Variance of the data along each component (the covariance's eigenvalues, divisor n). */
  variances: number[];
  /** Total variance (trace of the covariance). */
  totalVariance: number;
  /** variances / totalVariance (0 when the data has no variance). */
  explainedRatio: number[];
  /** Power iterations each component took, and whether it met the tolerance. */
  iterations: number[];
  converged: boolean[];
}

/** Above this many columns the covariance is not formed; each iteration multiplies by the data twice. */
const MAX_COVARIANCE_COLS = 1024;

function checkMatrix(matrix: Matrix, what: string): void {
  const { data, rows, cols } = matrix;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1 || data.length !== rows * cols) {
    throw new ProjectionInputError(`${what}: ${data.length} values with shape ${rows} x ${cols} is not a matrix; give rows * cols values.`, { what, rows, cols, values: data.length });
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new ProjectionInputError(`${what}: row ${Math.floor(i / cols)}, column ${i % cols} is ${data[i]}; features must be finite numbers.`, {
        what,
        row: Math.floor(i / cols),
        column: i % cols,
      });
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new ProjectionInputError(`PCA: ${name} must be a whole number of at least 1, got ${value}.`, { [name]: value });
  return value;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Scales to unit length in place; returns the length it had. */
function normalise(v: Float64Array): number {
  const length = Math.sqrt(dot(v, v));
  if (length > 0) for (let i = 0; i < v.length; i++) v[i] /= length;
  return length;
}

/**
 * Makes v a unit vector orthogonal to `found` (Gram-Schmidt, done twice: once is not enough when most of
 * v lay along them). Returns false, leaving v zero, when nothing of v above rounding noise is left.
 */
function orthonormalise(v: Float64Array, found: readonly Float64Array[], scale: number): boolean {
  for (let pass = 0; pass < 2; pass++) {
    removeComponents(v, found);
    if (normalise(v) <= scale * NOISE) {
      v.fill(0);
      return false;
    }
  }
  return true;
}

/** Relative size below which a vector is taken as rounding noise. */
const NOISE = 1e-12;

function distance(a: Float64Array, b: Float64Array, sign: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - sign * b[i]) ** 2;
  return Math.sqrt(sum);
}

function removeComponents(v: Float64Array, found: readonly Float64Array[]): void {
  for (const u of found) {
    const along = dot(v, u);
    for (let i = 0; i < v.length; i++) v[i] -= along * u[i];
  }
}

/** Largest-magnitude entry positive (the first one on a tie). */
function fixSign(v: Float64Array): void {
  let at = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[at])) at = i;
  if (v[at] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

/** v -> C v for the centred data, either through the formed covariance or through the data itself. */
function covarianceOperator(centred: Float64Array, rows: number, cols: number): (v: Float64Array, out: Float64Array) => void {
  if (cols <= MAX_COVARIANCE_COLS) {
    const cov = new Float64Array(cols * cols);
    for (let r = 0; r < rows; r++) {
      const offset = r * cols;
      for (let i = 0; i < cols; i++) {
        const xi = centred[offset + i];
        if (xi === 0) continue;
        const rowStart = i * cols;
        for (let j = i; j < cols; j++) cov[rowStart + j] += xi * centred[offset + j];
      }
    }
    for (let i = 0; i < cols; i++) {
      for (let j = i; j < cols; j++) {
        cov[i * cols + j] /= rows;
        cov[j * cols + i] = cov[i * cols + j];
      }
    }
    return (v, out) => {
      for (let i = 0; i < cols; i++) {
        let sum = 0;
        const rowStart = i * cols;
        for (let j = 0; j < cols; j++) sum += cov[rowStart + j] * v[j];
        out[i] = sum;
      }
    };
  }
  return (v, out) => {
    out.fill(0);
    for (let r = 0; r < rows; r++) {
      const offset = r * cols;
      let projection = 0;
      for (let j = 0; j < cols; j++) projection += centred[offset + j] * v[j];
      if (projection === 0) continue;
      for (let j = 0; j < cols; j++) out[j] += projection * centred[offset + j];
    }
    for (let j = 0; j < cols; j++) out[j] /= rows;
  };
}

/** Fits the top components of `matrix` (one row per sample). Deterministic: same data, same model. */
export function fitPca(matrix: Matrix, options: PcaOptions = {}): PcaModel {
  checkMatrix(matrix, 'PCA input');
  const { data, rows, cols } = matrix;
  const count = positiveInteger(options.components ?? 2, 'components');
  const maxIterations = positiveInteger(options.maxIterations ?? 1000, 'maxIterations');
  const tolerance = options.tolerance ?? 1e-9;
  if (!(tolerance > 0 && tolerance < 1)) throw new ProjectionInputError(`PCA: tolerance must lie between 0 and 1, got ${tolerance}.`, { tolerance });
  if (rows < 2) throw new ProjectionInputError(`PCA input: ${rows} row${rows === 1 ? '' : 's'}; a projection needs at least 2 samples.`, { rows });
  if (count > cols) throw new ProjectionInputError(`PCA: ${count} components asked of ${cols}-column data; ask for at most ${cols}.`, { components: count, cols });

  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) mean[j] += data[r * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  const centred = new Float64Array(rows * cols);
  let totalVariance = 0;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const value = data[r * cols + j] - mean[j];
      centred[r * cols + j] = value;
      totalVariance += value * value;
    }
  }
  totalVariance /= rows;

  const applyCov = covarianceOperator(centred, rows, cols);
  const rng = createRng('pca start');
  const components: Float64Array[] = [];
  const variances: number[] = [];
  const iterations: number[] = [];
  const converged: boolean[] = [];
  const next = new Float64Array(cols);
  for (let k = 0; k < count; k++) {
    const v = new Float64Array(cols);
    for (let j = 0; j < cols; j++) v[j] = rng.normal();
    orthonormalise(v, components, 1);
    let steps = 0;
    let done = false;
    while (steps < maxIterations && !done) {
      steps++;
      applyCov(v, next);
      // Deflation: C_k v = C v - sum_j lambda_j (v_j . v) v_j.
      components.forEach((u, j) => {
        const along = variances[j] * dot(u, v);
        for (let i = 0; i < cols; i++) next[i] -= along * u[i];
      });
      if (!orthonormalise(next, components, Math.max(totalVariance, Number.MIN_VALUE))) {
        // No variance left in the remaining directions: any orthogonal unit vector will do (below).
        done = true;
        break;
      }
      done = distance(next, v, Math.sign(dot(next, v)) || 1) < tolerance;
      v.set(next);
    }
    if (dot(v, v) === 0 || (done && !(dot(next, next) > 0))) {
      // Deterministic choice for data with fewer independent directions than components: the first
      // coordinate axis with something left once the components found so far are removed.
      for (let j = 0; j < cols; j++) {
        v.fill(0);
        v[j] = 1;
        if (orthonormalise(v, components, 1)) break;
      }
    }
    fixSign(v);
    applyCov(v, next);
    variances.push(Math.max(0, dot(v, next)));
    components.push(v);
    iterations.push(steps);
    converged.push(done);
  }
  const explainedRatio = variances.map((variance) => (totalVariance > 0 ? variance / totalVariance : 0));
  return { mean, components, variances, totalVariance, explainedRatio, iterations, converged };
}

/** Coordinates of each row along the model's components: row-major, `components.length` values per row. */
export function projectPca(model: PcaModel, matrix: Matrix): Float32Array {
  checkMatrix(matrix, 'matrix to project');
  const { data, rows, cols } = matrix;
  if (cols !== model.mean.length) {
    throw new ProjectionInputError(`matrix to project has ${cols} columns but the PCA was fitted on ${model.mean.length}; both must come from the same feature layer.`, {
      cols,
      fitted: model.mean.length,
    });
  }
  const k = model.components.length;
  const out = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      const u = model.components[c];
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += (data[r * cols + j] - model.mean[j]) * u[j];
      out[r * k + c] = sum;
    }
  }
  return out;
}

export interface Projection2d {
  /** x, y per row of each input, row-major pairs. */
  points: Float32Array[];
  /** Share of the fitted data's variance along x and along y. */
  explainedRatio: [number, number];
  converged: boolean;
}

/**
 * The DASA scatter's coordinates: one PCA fitted on all `sets` stacked (e.g. ID val and the pool), and
 * each set projected onto its top two components.
 */
export function projectSets2d(sets: readonly Matrix[], options: Omit<PcaOptions, 'components'> = {}): Projection2d {
  if (sets.length === 0) throw new ProjectionInputError('PCA: no feature sets given; pass at least one matrix.', {});
  const cols = sets[0].cols;
  sets.forEach((set, index) => {
    checkMatrix(set, `feature set ${index}`);
    if (set.cols !== cols) {
      throw new ProjectionInputError(`feature set ${index} has ${set.cols} columns but set 0 has ${cols}; both must come from the same feature layer.`, { index, cols: set.cols, expected: cols });
    }
  });
  const rows = sets.reduce((sum, set) => sum + set.rows, 0);
  const stacked = new Float32Array(rows * cols);
  let offset = 0;
  for (const set of sets) {
    stacked.set(set.data, offset);
    offset += set.data.length;
  }
  const model = fitPca({ data: stacked, rows, cols }, { ...options, components: 2 });
  return {
    points: sets.map((set) => projectPca(model, set)),
    explainedRatio: [model.explainedRatio[0], model.explainedRatio[1]],
    converged: model.converged.every(Boolean),
  };
}
