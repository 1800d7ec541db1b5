import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { OodInputError, SingularCovarianceError } from './errors';
import { fitMahalanobis, ledoitWolfShrinkage } from './mahalanobis';
import { type Matrix, matrixFromRows } from './matrix';

// Tiny 2-D example: two classes, worked out directly with a 2 x 2 inverse.
const points = [
  [0, 0],
  [2, 1],
  [1, 2],
  [5, 5],
  [7, 6],
  [6, 4],
];
const labels = [0, 0, 0, 1, 1, 1];

function directScores(queries: number[][], shrinkage: number): number[] {
  const means = [0, 1].map((c) => {
    const rows = points.filter((_, i) => labels[i] === c);
    return [0, 1].map((j) => rows.reduce((sum, row) => sum + row[j], 0) / rows.length);
  });
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  points.forEach((row, i) => {
    const dx = row[0] - means[labels[i]][0];
    const dy = row[1] - means[labels[i]][1];
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  });
  [sxx, sxy, syy] = [sxx / points.length, sxy / points.length, syy / points.length];
  const mu = (sxx + syy) / 2;
  const a = (1 - shrinkage) * sxx + shrinkage * mu;
  const b = (1 - shrinkage) * sxy;
  const d = (1 - shrinkage) * syy + shrinkage * mu;
  const det = a * d - b * b;
  const inv = [d / det, -b / det, a / det];
  return queries.map((q) =>
    Math.min(
      ...means.map(([mx, my]) => {
        const x = q[0] - mx;
        const y = q[1] - my;
        return Math.sqrt(inv[0] * x * x + 2 * inv[1] * x * y + inv[2] * y * y);
      }),
    ),
  );
}

describe('Mahalanobis detector', () => {
  const queries = [
    [1, 1],
    [6, 5],
    [3, 3],
    [-4, 8],
    [10, -2],
  ];

  it.each([0, 0.3, 1])('matches a direct float64 computation on a 2-D hand example (shrinkage %s)', (shrinkage) => {
    const detector = fitMahalanobis(matrixFromRows(points), labels, { shrinkage });
    const scores = detector.score(matrixFromRows(queries));
    const expected = directScores(queries, shrinkage);
    expect(detector.shrinkage).toBe(shrinkage);
    expect(detector.classes).toEqual([0, 1]);
    scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i], 9));
  });

  it('gives a class mean distance 0 and ranks a far point higher', () => {
    const detector = fitMahalanobis(matrixFromRows(points), labels, { shrinkage: 0.1 });
    const [atMean, far] = detector.score(matrixFromRows([[1, 1], [30, -30]]));
    expect(atMean).toBeCloseTo(0, 6);
    expect(far).toBeGreaterThan(5);
  });

  it('estimates the Ledoit-Wolf shrinkage as the explicit outer-product formula does', () => {
    const rng = createRng(7);
    const n = 40;
    const d = 5;
    const r = Float64Array.from({ length: n * d }, (_, i) => rng.normal() * (1 + (i % d)));
    const s = new Float64Array(d * d);
    for (let k = 0; k < n; k++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j] += (r[k * d + i] * r[k * d + j]) / n;
    const mu = [...Array(d).keys()].reduce((sum, i) => sum + s[i * d + i], 0) / d;
    let delta = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) delta += (s[i * d + j] - (i === j ? mu : 0)) ** 2 / d;
    let beta = 0;
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) beta += (r[k * d + i] * r[k * d + j] - s[i * d + j]) ** 2 / (n * n * d);
    }
    const expected = Math.min(beta, delta) / delta;
    const shrinkage = ledoitWolfShrinkage(r, s, n, d);
    expect(shrinkage).toBeCloseTo(expected, 12);
    expect(shrinkage).toBeGreaterThan(0);
    expect(shrinkage).toBeLessThan(1);
  });

  it('stays invertible with Ledoit-Wolf when there are fewer rows than dimensions', () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 10 }, () => Array.from({ length: 32 }, () => rng.normal()));
    const detector = fitMahalanobis(matrixFromRows(rows), rows.map((_, i) => i % 2));
    expect(detector.shrinkage).toBeGreaterThan(0);
    expect(Array.from(detector.score(matrixFromRows(rows.slice(0, 3)))).every(Number.isFinite)).toBe(true);
    expect(() => fitMahalanobis(matrixFromRows(rows), rows.map((_, i) => i % 2), { shrinkage: 0 })).toThrow(SingularCovarianceError);
  });

  it('names what is wrong with its inputs', () => {
    const features = matrixFromRows(points);
    expect(() => fitMahalanobis(features, [0, 1])).toThrow(/2 labels for 6 feature rows/);
    expect(() => fitMahalanobis(features, [0, 0, 0, 1, 1, 1.5])).toThrow(OodInputError);
    expect(() => fitMahalanobis(features, labels, { shrinkage: 2 })).toThrow(/shrinkage 2/);
    const nan: Matrix = { data: Float32Array.from([0, 0, 1, NaN, 2, 2]), rows: 3, cols: 2 };
    expect(() => fitMahalanobis(nan, [0, 0, 1])).toThrow(/row 1, column 1 is NaN/);
    const detector = fitMahalanobis(features, labels);
    expect(() => detector.score(matrixFromRows([[1, 2, 3]]))).toThrow(/3 columns but ID train features has 2/);
  });
});
