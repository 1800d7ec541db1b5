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
  const offsets = bins.firstBin;
  const size = offsets[features];
  const active = bins.active;
  const width = active.length;
  const tree: RegressionTree = { feature: [], threshold: [], splitBin: [], left: [], right: [], value: [] };
  const leafOf = new Int32Array(gradients.length).fill(-1);

  const byRow = bins.rows;
  // Histogram buffers are reused: a tree needs about depth + 2 at a time.
  const free: Histogram[] = [];
  const acquire = (): Histogram => free.pop()?.fill(0) ?? new Float64Array(3 * size);
  const histogram = (subset: Uint32Array): Histogram => {
    const hist = acquire();
    for (let i = 0; i < subset.length; i++) {
      const row = subset[i];
      const g = gradients[row];
      const h = hessians[row];
      const base = row * width;
      for (let j = 0; j < width; j++) {
        const at = 3 * byRow[base + j];
        hist[at] += g;
        hist[at + 1] += h;
        hist[at + 2] += 1;
      }
    }
    return hist;
  };

  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.splitBin.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    return tree.feature.length - 1;
  };

  // The rows of a node are order[start, end); a split partitions its range in place (through scratch).
  const order = Uint32Array.from(rows);
  const scratch = new Uint32Array(order.length);

  /** Grows the node of order[start, end) whose histogram is `hist` (released when done). */
  const grow = (start: number, end: number, hist: Histogram, depth: number): number => {
    const node = addNode();
    const count = end - start;
    let G = 0;
    let H = 0;
    for (let i = start; i < end; i++) {
      G += gradients[order[i]];
      H += hessians[order[i]];
    }
    const { lambda, minLeafSize, minChildHessian } = options;
    let best = { gain: 1e-12, feature: -1, bin: -1 };
    if (depth < options.maxDepth && count >= 2 * minLeafSize) {
      const parentScore = (G * G) / (H + lambda);
      for (const f of active) {
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = offsets[f]; b < offsets[f + 1] - 1; b++) {
          gl += hist[3 * b];
          hl += hist[3 * b + 1];
          cl += hist[3 * b + 2];
          const cr = count - cl;
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
      for (let i = start; i < end; i++) leafOf[order[i]] = node;
      free.push(hist);
      return node;
    }
    const column = bins.bins[best.feature];
    let l = start;
    let r = end;
    for (let i = start; i < end; i++) {
      const row = order[i];
      if (column[row] <= best.bin) scratch[l++] = row;
      else scratch[--r] = row;
    }
    // Right rows were written from the end backwards: put them back in their original order.
    scratch.subarray(l, end).reverse();
    order.set(scratch.subarray(start, end), start);
    const middle = l;
    const leftSmaller = middle - start <= end - middle;
    const small = leftSmaller ? histogram(order.subarray(start, middle)) : histogram(order.subarray(middle, end));
    // The larger child's histogram is the parent's minus the smaller's, in the parent's buffer.
    for (let i = 0; i < hist.length; i++) hist[i] -= small[i];
    tree.feature[node] = best.feature;
    tree.splitBin[node] = best.bin;
    tree.threshold[node] = bins.thresholds[best.feature][best.bin];
    tree.left[node] = grow(start, middle, leftSmaller ? small : hist, depth + 1);
    tree.right[node] = grow(middle, end, leftSmaller ? hist : small, depth + 1);
    return node;
  };

  grow(0, order.length, histogram(order), 0);
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
