import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { binOf, fitFeatureBins } from './feature-bins';
import { gradientBoostingProbabilities, trainGradientBoosting } from './gradient-boosting';
import { fitRegressionTree, predictTree } from './regression-tree';

/** Two noise features and two that decide the class by quadrant (XOR-like: no linear model can). */
function quadrants(n: number, seed: number) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [rng.next() * 2 - 1, rng.next() * 2 - 1, rng.next(), rng.normal()];
    rows.push(x);
    labels.push(x[0] > 0 === x[1] > 0 ? 0 : x[0] > 0 ? 1 : 2);
  }
  return { rows, labels };
}

describe('feature bins', () => {
  it('give every distinct value its own bin when there are few, and quantile bins otherwise', () => {
    const few = fitFeatureBins([[0], [1], [1], [3]], 8);
    expect(Array.from(few.thresholds[0])).toEqual([0.5, 2]);
    expect(Array.from(few.bins[0])).toEqual([0, 1, 1, 2]);
    const many = fitFeatureBins(Array.from({ length: 1000 }, (_, i) => [i]), 10);
    expect(many.thresholds[0].length).toBe(9);
    const counts = new Array(10).fill(0);
    for (const bin of many.bins[0]) counts[bin] += 1;
    expect(counts).toEqual(new Array(10).fill(100));
  });

  it('agree with the thresholds on raw values: bin <= s exactly when x <= threshold s', () => {
    const { thresholds, bins } = fitFeatureBins(quadrants(500, 3).rows, 16);
    for (let f = 0; f < 4; f++) {
      expect(thresholds[f].length).toBeLessThanOrEqual(15);
      for (let s = 0; s < thresholds[f].length; s++) {
        for (const x of [thresholds[f][s] - 1e-9, thresholds[f][s], thresholds[f][s] + 1e-9]) expect(binOf(thresholds[f], x) <= s).toBe(x <= thresholds[f][s]);
      }
    }
    expect(Math.max(...bins[0])).toBeLessThan(16);
    // A constant feature has one bin and is left out of the histograms; row-major bins are numbered across features.
    const constant = fitFeatureBins([[0, 5, 2], [1, 5, 3]], 8);
    expect(Array.from(constant.active)).toEqual([0, 2]);
    expect(Array.from(constant.firstBin)).toEqual([0, 2, 3, 5]);
    expect(Array.from(constant.rows)).toEqual([0, 3, 1, 4]);
    expect(() => fitFeatureBins([[1]], 1)).toThrow(RangeError);
  });
});

describe('regression tree', () => {
  it('splits where the gradients change sign and predicts Newton steps, with no leaf below the minimum size', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i / 100, (i * 37) % 100]);
    const gradients = Float64Array.from(rows, ([x]) => (x < 0.3 ? 1 : -1));
    const hessians = new Float64Array(100).fill(1);
    const bins = fitFeatureBins(rows, 64);
    const all = Uint32Array.from({ length: 100 }, (_, i) => i);
    const { tree, leafOf } = fitRegressionTree(bins, gradients, hessians, all, { maxDepth: 1, minLeafSize: 10, lambda: 1, minChildHessian: 1e-3 });
    expect(tree.feature[0]).toBe(0);
    expect(predictTree(tree, [0.1, 0])).toBeCloseTo(-30 / 31, 12);
    expect(predictTree(tree, [0.9, 0])).toBeCloseTo(70 / 71, 12);
    const { leafOf: capped } = fitRegressionTree(bins, gradients, hessians, all, { maxDepth: 3, minLeafSize: 40, lambda: 1, minChildHessian: 1e-3 });
    const sizes = new Map<number, number>();
    for (const leaf of capped) sizes.set(leaf, (sizes.get(leaf) ?? 0) + 1);
    expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(40);
    expect(new Set(leafOf).size).toBe(2);
  });
});

describe('gradient boosting (multiclass softmax)', () => {
  const train = quadrants(2000, 1);
  const test = quadrants(500, 2);
  const model = trainGradientBoosting(train.rows, train.labels, { rounds: 60 });

  it('learns classes no linear model separates', () => {
    const probs = test.rows.map((x) => gradientBoostingProbabilities(model, x));
    for (const p of probs) {
      expect(p).toHaveLength(3);
      expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    }
    const correct = probs.filter((p, i) => p.indexOf(Math.max(...p)) === test.labels[i]).length;
    expect(correct / test.rows.length).toBeGreaterThan(0.95);
  });

  it('starts from the class priors and improves with rounds', () => {
    const none = trainGradientBoosting(train.rows, train.labels, { rounds: 0 });
    const p = gradientBoostingProbabilities(none, test.rows[0]);
    const prior = [0, 1, 2].map((k) => (train.labels.filter((label) => label === k).length + 1) / (train.labels.length + 3));
    p.forEach((value, k) => expect(value).toBeCloseTo(prior[k], 12));
    const logLoss = (m: typeof model) => -test.rows.reduce((sum, x, i) => sum + Math.log(gradientBoostingProbabilities(m, x)[test.labels[i]]), 0) / test.rows.length;
    expect(logLoss(model)).toBeLessThan(logLoss(trainGradientBoosting(train.rows, train.labels, { rounds: 10 })));
  });

  it('repeats exactly; a subsample draws its rows from the seed', () => {
    expect(JSON.stringify(trainGradientBoosting(train.rows, train.labels, { rounds: 60 }))).toBe(JSON.stringify(model));
    const a = trainGradientBoosting(train.rows, train.labels, { rounds: 5, subsample: 0.5, seed: 1 });
    expect(JSON.stringify(trainGradientBoosting(train.rows, train.labels, { rounds: 5, subsample: 0.5, seed: 1 }))).toBe(JSON.stringify(a));
    expect(JSON.stringify(trainGradientBoosting(train.rows, train.labels, { rounds: 5, subsample: 0.5, seed: 2 }))).not.toBe(JSON.stringify(a));
  });

  it('refuses labels outside the classes', () => {
    expect(() => trainGradientBoosting([[0], [1]], [0, 3])).toThrow(/labels must be whole numbers in 0..2/);
    expect(() => trainGradientBoosting([], [])).toThrow(RangeError);
  });
});
