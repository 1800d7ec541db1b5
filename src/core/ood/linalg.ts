// Small dense float64 linear algebra for d x d covariance matrices (d up to a few hundred).
// Square matrices are row-major Float64Arrays of length d * d.

/**
 * Lower-triangular L with A = L L^T, or null when A is not (numerically) positive definite.
 * The upper triangle of the result is zero.
 */
export function cholesky(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  return l;
}

/** Solves L y = b for lower-triangular L (forward substitution), writing y into `out`. */
export function forwardSubstitute(l: Float64Array, d: number, b: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    const row = i * d;
    for (let k = 0; k < i; k++) sum -= l[row + k] * out[k];
    out[i] = sum / l[row + i];
  }
  return out;
}

export function trace(a: Float64Array, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += a[i * d + i];
  return sum;
}
