// Gradient-boosted trees for multiclass classification (softmax, Friedman's multiclass boosting with
// Newton leaves as in XGBoost): start from the log class priors, then each round fits one regression
// tree per class to the gradient p_k - y_k and hessian p_k (1 - p_k) of the cross-entropy and adds
// it scaled by the shrinkage. Rows may be subsampled per round with a seeded generator; with the
// default subsample 1 no randomness is drawn at all. Same data and options, same model.
import { createRng } from '../random';
import { fitFeatureBins } from './feature-bins';
import { fitRegressionTree, leafOfBinned, predictTree, type RegressionTree, type TreeOptions } from './regression-tree';

export interface GradientBoostingOptions extends TreeOptions {
  classes: number;
  rounds: number;
  shrinkage: number;
  /** Split candidates per feature (quantile bins). */
  maxBins: number;
  /** Share of rows each round's trees see (1: all). */
  subsample: number;
  seed: number;
}

export const DEFAULT_GRADIENT_BOOSTING: GradientBoostingOptions = {
  classes: 3,
  rounds: 150,
  shrinkage: 0.1,
  maxDepth: 3,
  minLeafSize: 50,
  lambda: 1,
  minChildHessian: 1e-3,
  maxBins: 64,
  subsample: 1,
  seed: 1,
};

export interface GradientBoostingModel {
  classes: number;
  /** Initial score per class: log prior. */
  base: number[];
  /** trees[round][class], leaf values already scaled by the shrinkage. */
  trees: RegressionTree[][];
}

function softmaxInPlace(scores: Float64Array, at: number, classes: number, into: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, scores[at + k]);
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += into[k] = Math.exp(scores[at + k] - max);
  for (let k = 0; k < classes; k++) into[k] /= sum;
}

export function trainGradientBoosting(rows: readonly ArrayLike<number>[], labels: readonly number[], options: Partial<GradientBoostingOptions> = {}): GradientBoostingModel {
  const o = { ...DEFAULT_GRADIENT_BOOSTING, ...options };
  const n = rows.length;
  const K = o.classes;
  if (n === 0) throw new RangeError('gradient boosting needs at least one row');
  if (labels.length !== n) throw new RangeError(`${n} rows but ${labels.length} labels`);
  if (labels.some((label) => !Number.isInteger(label) || label < 0 || label >= K)) throw new RangeError(`labels must be whole numbers in 0..${K - 1}`);
  const bins = fitFeatureBins(rows, o.maxBins);
  const counts = new Array<number>(K).fill(0);
  for (const label of labels) counts[label] += 1;
  const base = counts.map((count) => Math.log((count + 1) / (n + K)));
  const scores = new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[i * K + k] = base[k];

  const rng = createRng(`gradient-boosting/${o.seed}`);
  const all = Uint32Array.from({ length: n }, (_, i) => i);
  const gradients = Array.from({ length: K }, () => new Float64Array(n));
  const hessians = Array.from({ length: K }, () => new Float64Array(n));
  const p = new Float64Array(K);
  const trees: RegressionTree[][] = [];
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < n; i++) {
      softmaxInPlace(scores, i * K, K, p);
      for (let k = 0; k < K; k++) {
        gradients[k][i] = p[k] - (labels[i] === k ? 1 : 0);
        hessians[k][i] = Math.max(p[k] * (1 - p[k]), 1e-6);
      }
    }
    const rows = o.subsample >= 1 ? all : Uint32Array.from(all.filter(() => rng.next() < o.subsample));
    const roundTrees: RegressionTree[] = [];
    for (let k = 0; k < K; k++) {
      const { tree, leafOf } = fitRegressionTree(bins, gradients[k], hessians[k], rows, o);
      tree.value = tree.value.map((value) => value * o.shrinkage);
      for (let i = 0; i < n; i++) {
        const leaf = leafOf[i] >= 0 ? leafOf[i] : leafOfBinned(tree, bins, i);
        scores[i * K + k] += tree.value[leaf];
      }
      roundTrees.push(tree);
    }
    trees.push(roundTrees);
  }
  return { classes: K, base, trees };
}

export function gradientBoostingProbabilities(model: GradientBoostingModel, x: ArrayLike<number>): number[] {
  const scores = Float64Array.from(model.base);
  for (const round of model.trees) for (let k = 0; k < model.classes; k++) scores[k] += predictTree(round[k], x);
  const p = new Float64Array(model.classes);
  softmaxInPlace(scores, 0, model.classes, p);
  return Array.from(p);
}
