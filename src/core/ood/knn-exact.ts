// Pure TypeScript k-th nearest neighbour search over unit rows: the oracle for the tfjs path and
// the route for tiny inputs, where starting a backend costs more than the search.
import type { Matrix } from './matrix';

/** Distance between unit vectors from their cosine similarity: ||a - b|| = sqrt(2 - 2 a.b). */
export function unitDistance(similarity: number): number {
  return Math.sqrt(Math.max(0, 2 - 2 * similarity));
}

/** The k-th largest value of values[0..n) (k is 1-based); reorders `values`. Hoare quickselect. */
export function kthLargest(values: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  const target = k - 1;
  while (left < right) {
    const pivot = values[(left + right) >>> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else return values[target];
  }
  return values[target];
}

/** Distance from each (unit) query row to its k-th nearest (unit) train row. */
export function knnDistancesExact(train: Matrix, queries: Matrix, k: number): Float64Array {
  const d = train.cols;
  const similarities = new Float64Array(train.rows);
  const out = new Float64Array(queries.rows);
  for (let q = 0; q < queries.rows; q++) {
    const qOffset = q * d;
    for (let t = 0; t < train.rows; t++) {
      const tOffset = t * d;
      let dot = 0;
      for (let j = 0; j < d; j++) dot += queries.data[qOffset + j] * train.data[tOffset + j];
      similarities[t] = dot;
    }
    out[q] = unitDistance(kthLargest(similarities, train.rows, k));
  }
  return out;
}
