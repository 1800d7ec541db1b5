// Row-major float32 matrices: the shape every detector takes (features, logits).
import { OodInputError } from './errors';

export interface Matrix {
  /** rows * cols values, row after row. */
  data: Float32Array;
  rows: number;
  cols: number;
}

export function createMatrix(data: Float32Array, rows: number, cols: number, what = 'matrix'): Matrix {
  const matrix = { data, rows, cols };
  validateMatrix(matrix, what);
  return matrix;
}

/** Builds a matrix from equal-length rows (tests, small hand examples). */
export function matrixFromRows(rows: readonly (readonly number[])[], what = 'matrix'): Matrix {
  const cols = rows.length ? rows[0].length : 0;
  const data = new Float32Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new OodInputError(`${what}: row ${i} has ${row.length} values, row 0 has ${cols}.`, { what, row: i });
    data.set(row, i * cols);
  });
  return createMatrix(data, rows.length, cols, what);
}

export function matrixRow(matrix: Matrix, row: number): Float32Array {
  return matrix.data.subarray(row * matrix.cols, (row + 1) * matrix.cols);
}

/** Throws an OodInputError naming the matrix and the first problem: shape mismatch or a non-finite value. */
export function validateMatrix(matrix: Matrix, what = 'matrix'): void {
  const { data, rows, cols } = matrix;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 1) {
    throw new OodInputError(`${what}: shape ${rows} x ${cols} is not a valid matrix shape.`, { what, rows, cols });
  }
  if (data.length !== rows * cols) {
    throw new OodInputError(`${what}: ${data.length} values do not fill ${rows} x ${cols}.`, { what, rows, cols, values: data.length });
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new OodInputError(`${what}: row ${row}, column ${i % cols} is ${data[i]}; features must be finite numbers.`, {
        what,
        row,
        column: i % cols,
      });
    }
  }
}

export function requireSameWidth(a: Matrix, b: Matrix, whatA: string, whatB: string): void {
  if (a.cols !== b.cols) {
    throw new OodInputError(`${whatB} has ${b.cols} columns but ${whatA} has ${a.cols}; both must come from the same feature layer.`, {
      [whatA]: a.cols,
      [whatB]: b.cols,
    });
  }
}

/** A copy with every row scaled to unit L2 norm; all-zero rows stay zero. */
export function l2NormalizeRows(matrix: Matrix): Matrix {
  const { rows, cols } = matrix;
  const out = new Float32Array(matrix.data.length);
  for (let r = 0; r < rows; r++) {
    const offset = r * cols;
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += matrix.data[offset + c] * matrix.data[offset + c];
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let c = 0; c < cols; c++) out[offset + c] = matrix.data[offset + c] * scale;
  }
  return { data: out, rows, cols };
}
