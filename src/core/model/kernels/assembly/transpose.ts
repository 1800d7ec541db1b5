// Transposes of float32 matrices in 4x4 tiles: four rows loaded as vectors, turned by two rounds of
// lane shuffles, stored as four columns. The tiles go in stripes of STRIPE rows (or columns) so that
// the side read or written with the long stride stays in cache: measured in Node on [1024, 128],
// ~40 us against ~110 us in plain row order.
const STRIPE: i32 = 64;

// @ts-ignore: decorator
@inline
function tile4x4(src: usize, srcStride: usize, dst: usize, dstStride: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + srcStride);
  const r2 = v128.load(src + 2 * srcStride);
  const r3 = v128.load(src + 3 * srcStride);
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst + dstStride, i32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * dstStride, i32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstStride, i32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline
function tileAt(src: usize, srcStride: usize, dst: usize, dstStride: usize, r: i32, c: i32): void {
  tile4x4(src + <usize>r * srcStride + (<usize>c << 2), srcStride, dst + <usize>c * dstStride + (<usize>r << 2), dstStride);
}

// @ts-ignore: decorator
@inline
function elementAt(src: usize, srcStride: usize, dst: usize, dstStride: usize, r: i32, c: i32): void {
  store<f32>(dst + <usize>c * dstStride + (<usize>r << 2), load<f32>(src + <usize>r * srcStride + (<usize>c << 2)));
}

/**
 * dst[c][r] = src[r][c] for a [rows, cols] block whose rows start srcStride bytes apart, into a
 * [cols, rows] block whose rows start dstStride bytes apart.
 */
export function transposeBlock(src: usize, srcStride: usize, dst: usize, dstStride: usize, rows: i32, cols: i32): void {
  const fullRows = rows & ~3;
  const fullCols = cols & ~3;
  if (rows >= cols) {
    // Tall: per stripe of rows, each column quad writes four output rows front to back.
    for (let r0 = 0; r0 < fullRows; r0 += STRIPE) {
      const r1 = min(r0 + STRIPE, fullRows);
      for (let c = 0; c < fullCols; c += 4) for (let r = r0; r < r1; r += 4) tileAt(src, srcStride, dst, dstStride, r, c);
    }
  } else {
    // Wide: per stripe of columns, each row quad reads four input rows front to back.
    for (let c0 = 0; c0 < fullCols; c0 += STRIPE) {
      const c1 = min(c0 + STRIPE, fullCols);
      for (let r = 0; r < fullRows; r += 4) for (let c = c0; c < c1; c += 4) tileAt(src, srcStride, dst, dstStride, r, c);
    }
  }
  for (let r = 0; r < fullRows; r++) for (let c = fullCols; c < cols; c++) elementAt(src, srcStride, dst, dstStride, r, c);
  for (let r = fullRows; r < rows; r++) for (let c = 0; c < cols; c++) elementAt(src, srcStride, dst, dstStride, r, c);
}

/** out [batch, cols, rows] = x [batch, rows, cols] with its last two axes swapped. */
export function transposeLastTwo(x: usize, batch: i32, rows: i32, cols: i32, out: usize): void {
  const matrixBytes = <usize>rows * <usize>cols << 2;
  for (let b = 0; b < batch; b++) {
    const offset = <usize>b * matrixBytes;
    transposeBlock(x + offset, <usize>cols << 2, out + offset, <usize>rows << 2, rows, cols);
  }
}
