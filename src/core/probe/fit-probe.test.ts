import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { fitLogisticProbe } from './fit-probe';
import { logisticProbabilities, meanNll } from './logistic-regression';

/** Two informative columns on very different scales, plus a constant one; labels from a noisy rule. */
function rowsOf(rows: number, seed: number) {
  const rng = createRng(seed);
  const dim = 3;
  const features = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = rng.normal();
    const b = rng.normal();
    features.set([a * 100 + 50, b * 0.01, 7], i * dim);
    const score = a + 0.5 * b + rng.normal() * 0.5;
    labels[i] = score < -0.5 ? 0 : score < 0.5 ? 1 : 2;
  }
  return { features, rows, dim, labels };
}

describe('the logistic-regression probe', () => {
  const train = rowsOf(300, 1);
  const val = rowsOf(200, 2);
  const fit = fitLogisticProbe(train, val, { classes: 3, l2Grid: [1e-4, 1e-2, 1, 100], maxIterations: 300, tolerance: 1e-7 });

  it('records every grid point by increasing L2 and keeps the one of lowest val NLL', () => {
    expect(fit.grid.map((point) => point.l2)).toEqual([1e-4, 1e-2, 1, 100]);
    const lowest = Math.min(...fit.grid.map((point) => point.valNll));
    expect(fit.chosen.valNll).toBe(lowest);
    expect(fit.grid.find((point) => point.l2 === 100)!.valNll).toBeGreaterThan(lowest);
    for (const point of fit.grid) {
      expect(point.converged).toBe(true);
      expect(point.valMacroF1).toBeGreaterThan(0);
    }
  });

  it('gives W and b that act on the raw features with the val NLL it recorded', () => {
    const model = { weights: Float64Array.from(fit.weights), bias: Float64Array.from(fit.bias), classes: 3 };
    const nll = meanNll(logisticProbabilities(model, val.features, val.rows, val.dim), val.labels, 3);
    expect(nll).toBeCloseTo(fit.chosen.valNll, 4);
    expect(fit.chosen.valMacroF1).toBeGreaterThan(0.6);
    // The constant column carries no weight.
    for (const w of fit.weights.subarray(6, 9)) expect(Math.abs(w)).toBeLessThan(1e-6);
  });

  it('refuses an empty grid or a strength of zero', () => {
    expect(() => fitLogisticProbe(train, val, { classes: 3, l2Grid: [], maxIterations: 10, tolerance: 1e-6 })).toThrow(/L2 grid/);
    expect(() => fitLogisticProbe(train, val, { classes: 3, l2Grid: [0], maxIterations: 10, tolerance: 1e-6 })).toThrow(/L2 grid/);
  });
});
