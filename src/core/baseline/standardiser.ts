// Standardisation of dense features for a linear model: each feature minus its training mean,
// divided by its training standard deviation (features constant on train are only centred).
import type { SparseVector } from './hashed-features';

export interface Standardiser {
  mean: number[];
  scale: number[];
}

export function fitStandardiser(rows: readonly ArrayLike<number>[]): Standardiser {
  const features = rows.length === 0 ? 0 : rows[0].length;
  const mean = new Array<number>(features).fill(0);
  const scale = new Array<number>(features).fill(0);
  for (const row of rows) for (let f = 0; f < features; f++) mean[f] += row[f] / rows.length;
  for (const row of rows) for (let f = 0; f < features; f++) scale[f] += (row[f] - mean[f]) ** 2 / rows.length;
  return { mean, scale: scale.map((variance) => (variance > 1e-12 ? Math.sqrt(variance) : 1)) };
}

/** The standardised row as a (dense) sparse vector, the softmax regression's input. */
export function standardise(standardiser: Standardiser, row: ArrayLike<number>): SparseVector {
  const { mean, scale } = standardiser;
  return { indices: mean.map((_, f) => f), values: mean.map((m, f) => (row[f] - m) / scale[f]) };
}
