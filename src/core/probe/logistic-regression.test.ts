import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { LogisticFitInputError } from './errors';
import { fitLogisticRegression, logisticObjective, logisticProbabilities, type LabelledFeatures } from './logistic-regression';

/** Rows drawn from N(0, 1) features and labels sampled from softmax(x W + b). */
function sampleLogistic(rows: number, weights: number[][], bias: number[], seed: number): LabelledFeatures {
  const rng = createRng(seed);
  const dim = weights.length;
  const K = bias.length;
  const model = { weights: Float64Array.from(weights.flat()), bias: Float64Array.from(bias), classes: K };
  const features = new Float64Array(rows * dim);
  for (let i = 0; i < features.length; i++) features[i] = rng.normal();
  const probs = logisticProbabilities(model, features, rows, dim);
  const labels = Int32Array.from({ length: rows }, (_, i) => {
    let u = rng.next();
    for (let k = 0; k < K - 1; k++) if ((u -= probs[i * K + k]) < 0) return k;
    return K - 1;
  });
  return { features, rows, dim, labels };
}

describe('multinomial logistic regression', () => {
  it('has the gradient its finite differences give', () => {
    const data = sampleLogistic(40, [[1, -1, 0], [0.5, 0, -0.5]], [0, 0.3, -0.3], 1);
    const objective = logisticObjective(data, 3, 0.1);
    const rng = createRng(2);
    const x = Float64Array.from({ length: 9 }, () => rng.normal() * 0.5);
    const gradient = new Float64Array(9);
    objective(x, gradient);
    const h = 1e-6;
    for (let j = 0; j < x.length; j++) {
      const up = Float64Array.from(x);
      const down = Float64Array.from(x);
      up[j] += h;
      down[j] -= h;
      const scratch = new Float64Array(9);
      const numeric = (objective(up, scratch) - objective(down, scratch)) / (2 * h);
      expect(gradient[j]).toBeCloseTo(numeric, 6);
    }
  });

  it('recovers the weights of data drawn from a known logistic model', () => {
    const truth = [[2, -1, 0], [-1, 0, 1.5]];
    const bias = [0.5, 0, -0.5];
    const data = sampleLogistic(20000, truth, bias, 3);
    const fit = fitLogisticRegression(data, { classes: 3, l2: 0, maxIterations: 500, tolerance: 1e-8 });
    expect(fit.converged).toBe(true);
    // Softmax is unchanged by adding a constant per feature row across classes: compare centred rows.
    const centred = (row: ArrayLike<number>) => {
      const values = Array.from(row);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return values.map((value) => value - mean);
    };
    const expectRow = (fitted: ArrayLike<number>, expected: number[]) => centred(fitted).forEach((value, k) => expect(Math.abs(value - centred(expected)[k])).toBeLessThan(0.12));
    expectRow(fit.model.weights.subarray(0, 3), truth[0]);
    expectRow(fit.model.weights.subarray(3, 6), truth[1]);
    expectRow(fit.model.bias, bias);
  });

  it('stays finite on separable data with an L2 term, and converges', () => {
    const rows = 60;
    const features = Float64Array.from({ length: rows }, (_, i) => (i % 3) * 10 - 10);
    const labels = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const fit = fitLogisticRegression({ features, rows, dim: 1, labels }, { classes: 3, l2: 1e-3, maxIterations: 1000, tolerance: 1e-9 });
    expect(fit.converged).toBe(true);
    expect(fit.gradNorm).toBeLessThan(1e-9);
    for (const value of [...fit.model.weights, ...fit.model.bias]) expect(Number.isFinite(value)).toBe(true);
    const probs = logisticProbabilities(fit.model, features, rows, 1);
    for (let i = 0; i < rows; i++) expect(probs[i * 3 + labels[i]]).toBeGreaterThan(0.9);
  });

  it('reports an unconverged fit when the iteration cap comes first', () => {
    const data = sampleLogistic(200, [[3, -3, 0], [1, 0, -1]], [0, 0, 0], 4);
    const fit = fitLogisticRegression(data, { classes: 3, l2: 1e-4, maxIterations: 2, tolerance: 1e-12 });
    expect(fit.iterations).toBe(2);
    expect(fit.converged).toBe(false);
  });

  it('refuses labels outside the classes and a negative L2, naming them', () => {
    const data = { features: [1, 2], rows: 2, dim: 1, labels: [0, 3] };
    expect(() => fitLogisticRegression(data, { classes: 3, l2: 1, maxIterations: 10, tolerance: 1e-6 })).toThrow(/row 1 has label 3/);
    expect(() => fitLogisticRegression({ ...data, labels: [0, 1] }, { classes: 3, l2: -1, maxIterations: 10, tolerance: 1e-6 })).toThrow(LogisticFitInputError);
  });
});
