import { describe, expect, it } from 'vitest';
import type { Matrix } from '../ood/matrix';
import { createRng } from '../random';
import { ProjectionInputError } from './errors';
import { fitPca, projectPca, projectSets2d } from './pca';

function matrix(rows: number[][]): Matrix {
  const cols = rows[0].length;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => data.set(row, i * cols));
  return { data, rows: rows.length, cols };
}

function randomMatrix(rows: number, cols: number, seed: number, scales?: number[]): Matrix {
  const rng = createRng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = rng.normal() * (scales?.[j] ?? 1) + j;
  return { data, rows, cols };
}

/** Covariance (divisor n) in float64, the test's own computation. */
function covariance(m: Matrix): number[][] {
  const mean = Array.from({ length: m.cols }, (_, j) => {
    let sum = 0;
    for (let i = 0; i < m.rows; i++) sum += m.data[i * m.cols + j];
    return sum / m.rows;
  });
  return Array.from({ length: m.cols }, (_, a) =>
    Array.from({ length: m.cols }, (_, b) => {
      let sum = 0;
      for (let i = 0; i < m.rows; i++) sum += (m.data[i * m.cols + a] - mean[a]) * (m.data[i * m.cols + b] - mean[b]);
      return sum / m.rows;
    }),
  );
}

/** Cyclic Jacobi eigenvalue method: an independent oracle for small symmetric matrices. Sorted descending. */
function jacobiEigen(input: number[][]): { values: number[]; vectors: number[][] } {
  const n = input.length;
  const a = input.map((row) => row.slice());
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y][y] - a[x][x]);
  return { values: order.map((i) => a[i][i]), vectors: order.map((i) => v.map((row) => row[i])) };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
};

describe('fitPca', () => {
  it('finds the directions of a hand-made cloud, with the documented sign', () => {
    // Points a * (3, 4) + b * (4, -3) + (3, 5) with a in {-2, 2}, b in {-1, 1} (integers, exact in float32):
    // unit directions (0.6, 0.8) with variance 4 * 25 = 100 and (0.8, -0.6) with variance 25. The sign
    // makes the largest-magnitude entry positive: 0.8 in both.
    const rows = [[-2, -1], [-2, 1], [2, -1], [2, 1]].map(([a, b]) => [3 + 3 * a + 4 * b, 5 + 4 * a - 3 * b]);
    const model = fitPca(matrix(rows));
    expect(Array.from(model.mean)).toEqual([3, 5]);
    expect(model.variances[0]).toBeCloseTo(100, 8);
    expect(model.variances[1]).toBeCloseTo(25, 8);
    expect(model.totalVariance).toBe(125);
    expect(model.explainedRatio[0]).toBeCloseTo(0.8, 10);
    expect(Array.from(model.components[0])).toEqual([expect.closeTo(0.6, 9), expect.closeTo(0.8, 9)]);
    expect(Array.from(model.components[1])).toEqual([expect.closeTo(0.8, 9), expect.closeTo(-0.6, 9)]);
    expect(model.converged).toEqual([true, true]);
    // The point a = 2, b = -1 sits at (2 * 5, -1 * 5) in the projection.
    expect(Array.from(projectPca(model, matrix([rows[2]])))).toEqual([expect.closeTo(10, 5), expect.closeTo(-5, 5)]);
  });

  it('agrees with a Jacobi eigen-decomposition of the covariance on random data', () => {
    const data = randomMatrix(200, 7, 11, [3, 0.5, 2, 1, 0.2, 1.5, 0.7]);
    const oracle = jacobiEigen(covariance(data));
    const model = fitPca(data, { components: 3 });
    for (let k = 0; k < 3; k++) {
      expect(model.variances[k]).toBeCloseTo(oracle.values[k], 4);
      expect(Math.abs(dot(model.components[k], oracle.vectors[k]))).toBeCloseTo(1, 6);
      expect(dot(model.components[k], model.components[k])).toBeCloseTo(1, 10);
    }
    expect(dot(model.components[0], model.components[1])).toBeCloseTo(0, 8);
    expect(dot(model.components[1], model.components[2])).toBeCloseTo(0, 8);
    expect(model.totalVariance).toBeCloseTo(oracle.values.reduce((a, b) => a + b, 0), 4);
  });

  it('gives the same components for negated or reordered data, and identical results on a second run', () => {
    const data = randomMatrix(120, 5, 3, [2, 1, 0.5, 1.5, 0.3]);
    const negated: Matrix = { ...data, data: data.data.map((x) => -x) };
    const rng = createRng(9);
    const order = rng.shuffle(Array.from({ length: data.rows }, (_, i) => i));
    const reordered = new Float32Array(data.data.length);
    order.forEach((from, to) => reordered.set(data.data.subarray(from * 5, from * 5 + 5), to * 5));
    const a = fitPca(data);
    const b = fitPca(negated);
    const c = fitPca({ ...data, data: reordered });
    for (let k = 0; k < 2; k++) {
      for (let j = 0; j < 5; j++) {
        expect(b.components[k][j]).toBeCloseTo(a.components[k][j], 6);
        expect(c.components[k][j]).toBeCloseTo(a.components[k][j], 6);
      }
      // The largest-magnitude entry is positive.
      const largest = Array.from(a.components[k]).reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
    expect(fitPca(data)).toEqual(a);
    // Negated data projects to negated coordinates.
    const pa = projectPca(a, data);
    const pb = projectPca(b, negated);
    for (let i = 0; i < pa.length; i++) expect(pb[i]).toBeCloseTo(-pa[i], 3);
  });

  it('works without forming the covariance for wide data (more than 1024 columns)', () => {
    const rows = 12;
    const cols = 1100;
    const data = randomMatrix(rows, cols, 5);
    const model = fitPca(data);
    // Oracle: the nonzero eigenvalues of the covariance equal those of the n x n Gram matrix X' X'^T / n.
    const mean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data.data[i * cols + j] / rows;
    const centred = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => data.data[i * cols + j] - mean[j]));
    const gram = centred.map((a) => centred.map((b) => dot(a, b) / rows));
    const oracle = jacobiEigen(gram);
    expect(model.variances[0]).toBeCloseTo(oracle.values[0], 3);
    expect(model.variances[1]).toBeCloseTo(oracle.values[1], 3);
    expect(dot(model.components[0], model.components[1])).toBeCloseTo(0, 8);
  });

  it('handles data with no variance left: zero variances, orthonormal directions, no NaN', () => {
    const model = fitPca(matrix([[1, 2, 3], [1, 2, 3], [1, 2, 3]]));
    expect(model.variances).toEqual([0, 0]);
    expect(model.explainedRatio).toEqual([0, 0]);
    expect(dot(model.components[0], model.components[1])).toBeCloseTo(0, 12);
    expect(dot(model.components[0], model.components[0])).toBeCloseTo(1, 12);
    expect(Array.from(projectPca(model, matrix([[1, 2, 3]])))).toEqual([0, 0]);
    // Rank one: the second component is any unit direction orthogonal to the first.
    const line = fitPca(matrix([[0, 0], [1, 2], [2, 4]]));
    expect(line.variances[1]).toBeCloseTo(0, 10);
    expect(Math.abs(dot(line.components[0], [1 / Math.sqrt(5), 2 / Math.sqrt(5)]))).toBeCloseTo(1, 8);
  });

  it('names what is wrong with bad input', () => {
    expect(() => fitPca(matrix([[1, NaN], [2, 3]]))).toThrow(/row 0, column 1 is NaN/);
    expect(() => fitPca({ data: new Float32Array(5), rows: 2, cols: 3 })).toThrow(ProjectionInputError);
    expect(() => fitPca(matrix([[1, 2]]))).toThrow(/1 row; a projection needs at least 2 samples/);
    expect(() => fitPca(matrix([[1, 2], [3, 4]]), { components: 3 })).toThrow(/3 components asked of 2-column data/);
    expect(() => fitPca(matrix([[1, 2], [3, 4]]), { maxIterations: 0 })).toThrow(/maxIterations must be a whole number/);
    const model = fitPca(matrix([[1, 2], [3, 5], [0, 1]]));
    expect(() => projectPca(model, matrix([[1, 2, 3]]))).toThrow(/3 columns but the PCA was fitted on 2/);
  });
});

describe('projectSets2d', () => {
  it('fits one PCA on all sets stacked and returns each set\'s coordinates', () => {
    const id = randomMatrix(40, 4, 1, [2, 1, 1, 0.5]);
    const pool = randomMatrix(30, 4, 2, [1, 3, 1, 0.5]);
    const result = projectSets2d([id, pool]);
    expect(result.points.map((p) => p.length)).toEqual([80, 60]);
    const stacked = new Float32Array([...id.data, ...pool.data]);
    const model = fitPca({ data: stacked, rows: 70, cols: 4 });
    expect(Array.from(result.points[1])).toEqual(Array.from(projectPca(model, pool)));
    expect(result.explainedRatio[0]).toBeGreaterThanOrEqual(result.explainedRatio[1]);
    expect(result.explainedRatio[0] + result.explainedRatio[1]).toBeLessThanOrEqual(1 + 1e-9);
    expect(result.converged).toBe(true);
    expect(() => projectSets2d([id, randomMatrix(3, 5, 1)])).toThrow(/feature set 1 has 5 columns but set 0 has 4/);
    expect(() => projectSets2d([])).toThrow(ProjectionInputError);
  });
});
