// Seeded Gaussian features for detector tests, demos and the kNN benchmark: in-distribution
// classes around orthogonal means, and an OOD cluster between them, shifted off their span.
import { createRng } from '../random';
import type { Matrix } from './matrix';

export interface GaussianSetOptions {
  dims: number;
  /** Distance of each class mean from the origin. */
  radius?: number;
  /** How far the OOD cluster sits off the span of the class means. */
  shift?: number;
  noise?: number;
  classes?: number;
  seed: number | string;
}

export interface GaussianSets {
  /** classes x dims: row c is radius * e_c. */
  classMeans: Matrix;
  sample(kind: 'id' | 'ood', rows: number, label?: string): { features: Matrix; labels: Int32Array };
}

export function gaussianSets(options: GaussianSetOptions): GaussianSets {
  const { dims, radius = 6, shift = 2, noise = 1, classes = 3 } = options;
  if (dims < classes + 1) throw new Error(`gaussianSets: ${dims} dims leave no room for ${classes} orthogonal means and a shift.`);
  const means = new Float32Array(classes * dims);
  for (let c = 0; c < classes; c++) means[c * dims + c] = radius;
  const oodMean = new Float32Array(dims);
  for (let c = 0; c < classes; c++) oodMean[c] = radius / classes;
  oodMean[classes] = shift;
  const root = createRng(options.seed);
  return {
    classMeans: { data: means, rows: classes, cols: dims },
    sample(kind, rows, label = kind) {
      const rng = root.fork(`${kind}:${rows}:${label}`);
      const data = new Float32Array(rows * dims);
      const labels = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        const c = kind === 'id' ? r % classes : -1;
        labels[r] = c;
        for (let j = 0; j < dims; j++) {
          const center = c >= 0 ? means[c * dims + j] : oodMean[j];
          data[r * dims + j] = center + noise * rng.normal();
        }
      }
      return { features: { data, rows, cols: dims }, labels };
    },
  };
}

/** Standard normal features (benchmarks). */
export function randomFeatures(rows: number, cols: number, seed: number | string): Matrix {
  const rng = createRng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { data, rows, cols };
}
