// The diversity rule: walk candidates from the highest combined score down and take each one unless
// its cosine similarity to a sample already taken exceeds maxCosine. No two selected samples are
// near-duplicates, and among near-duplicates the most OOD one is kept. An optional cap on samples
// per query skips a candidate whose query already has that many taken.
import { l2NormalizeRows, type Matrix } from '../ood/matrix';

export interface GreedyResult {
  /** Pool indices in selection order. */
  chosen: number[];
  /** Skipped pool index -> the chosen index it nearly duplicates. */
  skipped: Map<number, number>;
}

/** Rows minus the column means: cosine on centred features ignores the direction all features share. */
export function centerRows(matrix: Matrix): Matrix {
  const { rows, cols } = matrix;
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += matrix.data[r * cols + c] / rows;
  const data = new Float32Array(matrix.data.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = matrix.data[r * cols + c] - mean[c];
  return { data, rows, cols };
}

/** At most `max` chosen samples per query; `queryOf(index)` is pool row index's query. */
export interface QueryCap {
  max: number;
  queryOf: (index: number) => string;
}

export function greedyDiverse(features: Matrix, ranked: readonly number[], budget: number, maxCosine: number, center: boolean, queryCap?: QueryCap): GreedyResult {
  const unit = l2NormalizeRows(center ? centerRows(features) : features);
  const d = unit.cols;
  // A zero row (a sample at the pool mean) has no direction: it duplicates only another zero row.
  const isZero = (row: number) => unit.data.subarray(row * d, (row + 1) * d).every((value) => value === 0);
  const chosen: number[] = [];
  const skipped = new Map<number, number>();
  const perQuery = new Map<string, number>();
  for (const index of ranked) {
    if (chosen.length >= budget) break;
    const query = queryCap?.queryOf(index);
    if (queryCap && (perQuery.get(query!) ?? 0) >= queryCap.max) continue;
    let duplicateOf = -1;
    for (const taken of chosen) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += unit.data[index * d + j] * unit.data[taken * d + j];
      const similarity = dot === 0 && isZero(index) && isZero(taken) ? 1 : dot;
      if (similarity > maxCosine) {
        duplicateOf = taken;
        break;
      }
    }
    if (duplicateOf >= 0) skipped.set(index, duplicateOf);
    else {
      chosen.push(index);
      if (queryCap) perQuery.set(query!, (perQuery.get(query!) ?? 0) + 1);
    }
  }
  return { chosen, skipped };
}
