// A depth-limited regression tree fitted to gradients and hessians (second order, as XGBoost and
// LightGBM do): a split maximises G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda) over
// histogram bins (feature-bins.ts), and a leaf predicts the Newton step -G/(H+lambda). A node's
// histogram is built from its rows for the smaller child and by subtraction for the larger.
import type { FeatureBins } from './feature-bins';

export interface TreeOptions {
  maxDepth: number;
  /** Fewest training rows in a leaf. */
  minLeafSize: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Smallest hessian sum in a leaf. */
  minChildHessian: number;
}

/** Nodes in arrays; a leaf has feature -1. Plain arrays, so a tree is JSON. */
export interface RegressionTree {
  feature: number[];
  /** Go left when x[feature] <= threshold. */
  threshold: number[];
  /** The same split as a bin: left when bin <= splitBin. */
  splitBin: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** Per bin (all features' bins in a row): gradient sum, hessian sum, row count, interleaved. */
type Histogram = Float64Array;

export interface TreeFit {
  tree: RegressionTree;
  /** leafOf[row]: the leaf each fitted row fell in (-1 for rows not in `rows`). */
  leafOf: Int32Array;
}

export function fitRegressionTree(bins: FeatureBins, gradients: Float64Array, hessians: Float64Array, rows: Uint32Array, options: TreeOptions): TreeFit {
  const features = bins.bins.length;
  const offsets = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) offsets[f + 1] = offsets[f] + bins.thresholds[f].length + 1;
  const size = offsets[features];
  const tree: RegressionTree = { feature: [], threshold: [], splitBin: [], left: [], right: [], value: [] };
  const leafOf = new Int32Array(gradients.length).fill(-1);

  const histogram = (subset: Uint32Array): Histogram => {
    const hist = new Float64Array(3 * size);
    for (let f = 0; f < features; f++) {
      const column = bins.bins[f];
      const offset = offsets[f];
      for (let i = 0; i < subset.length; i++) {
        const row = subset[i];
        const at = 3 * (offset + column[row]);
        hist[at] += gradients[row];
        hist[at + 1] += hessians[row];
        hist[at + 2] += 1;
      }
    }
    return hist;
  };
  const subtract = (parent: Histogram, child: Histogram): Histogram => parent.map((value, i) => value - child[i]);

  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.splitBin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return tree.feature.length - 1;
  };

  const grow = (subset: Uint32Array, hist: Histogram, depth: number): number => {
    const node = addNode();
    let G = 0;
    let H = 0;
    for (let i = 0; i < subset.length; i++) {
      G += gradients[subset[i]];
      H += hessians[subset[i]];
    }
    const { lambda, minLeafSize, minChildHessian } = options;
    let best = { gain: 1e-12, feature: -1, bin: -1 };
    if (depth < options.maxDepth && subset.length >= 2 * minLeafSize) {
      const parentScore = (G * G) / (H + lambda);
      for (let f = 0; f < features; f++) {
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = offsets[f]; b < offsets[f + 1] - 1; b++) {
          gl += hist[3 * b];
          hl += hist[3 * b + 1];
          cl += hist[3 * b + 2];
          const cr = subset.length - cl;
          if (cl < minLeafSize) continue;
          if (cr < minLeafSize) break;
          const hr = H - hl;
          if (hl < minChildHessian || hr < minChildHessian) continue;
          const gr = G - gl;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
          if (gain > best.gain) best = { gain, feature: f, bin: b - offsets[f] };
        }
      }
    }
    if (best.feature < 0) {
      tree.value[node] = -G / (H + lambda);
      for (let i = 0; i < subset.length; i++) leafOf[subset[i]] = node;
      return node;
    }
    const column = bins.bins[best.feature];
    let leftCount = 0;
    for (let i = 0; i < subset.length; i++) if (column[subset[i]] <= best.bin) leftCount++;
    const leftRows = new Uint32Array(leftCount);
    const rightRows = new Uint32Array(subset.length - leftCount);
    let l = 0;
    let r = 0;
    for (let i = 0; i < subset.length; i++) {
      const row = subset[i];
      if (column[row] <= best.bin) leftRows[l++] = row;
      else rightRows[r++] = row;
    }
    const leftSmaller = leftRows.length <= rightRows.length;
    const small = histogram(leftSmaller ? leftRows : rightRows);
    const large = subtract(hist, small);
    tree.feature[node] = best.feature;
    tree.splitBin[node] = best.bin;
    tree.threshold[node] = bins.thresholds[best.feature][best.bin];
    tree.left[node] = grow(leftRows, leftSmaller ? small : large, depth + 1);
    tree.right[node] = grow(rightRows, leftSmaller ? large : small, depth + 1);
    return node;
  };

  grow(rows, histogram(rows), 0);
  return { tree, leafOf };
}

/** The tree's value for a row of raw feature values. */
export function predictTree(tree: RegressionTree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = x[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return tree.value[node];
}

/** The leaf of a training row, by its bins. */
export function leafOfBinned(tree: RegressionTree, bins: FeatureBins, row: number): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = bins.bins[tree.feature[node]][row] <= tree.splitBin[node] ? tree.left[node] : tree.right[node];
  return node;
}
