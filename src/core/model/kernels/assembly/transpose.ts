// Transposes of float32 matrices in 4x4 tiles: four rows loaded as vectors, turned by two rounds of
// lane shuffles, stored as four columns. Columns go in blocks of COLUMN_BLOCK so the output rows
// being written stay in cache while the input is read row by row.
const COLUMN_BLOCK: i32 = 64;

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

/**
 * dst[c][r] = src[r][c] for a [rows, cols] block whose rows start srcStride bytes apart, into a
 * [cols, rows] block whose rows start dstStride bytes apart.
 */
export function transposeBlock(src: usize, srcStride: usize, dst: usize, dstStride: usize, rows: i32, cols: i32): void {
  const fullRows = rows & ~3;
  for (let c0 = 0; c0 < cols; c0 += COLUMN_BLOCK) {
    const c1 = min(c0 + COLUMN_BLOCK, cols);
    const fullEnd = c0 + ((c1 - c0) & ~3);
    for (let r = 0; r < fullRows; r += 4) {
      const from = src + <usize>r * srcStride;
      let c = c0;
      for (; c < fullEnd; c += 4) tile4x4(from + (<usize>c << 2), srcStride, dst + <usize>c * dstStride + (<usize>r << 2), dstStride);
      for (; c < c1; c++) {
        const to = dst + <usize>c * dstStride + (<usize>r << 2);
        for (let i = 0; i < 4; i++) store<f32>(to + (<usize>i << 2), load<f32>(from + <usize>i * srcStride + (<usize>c << 2)));
      }
    }
    for (let r = fullRows; r < rows; r++) {
      const from = src + <usize>r * srcStride;
      for (let c = c0; c < c1; c++) store<f32>(dst + <usize>c * dstStride + (<usize>r << 2), load<f32>(from + (<usize>c << 2)));
    }
  }
}

/** out [batch, cols, rows] = x [batch, rows, cols] with its last two axes swapped. */
export function transposeLastTwo(x: usize, batch: i32, rows: i32, cols: i32, out: usize): void {
  const matrixBytes = <usize>rows * <usize>cols << 2;
  for (let b = 0; b < batch; b++) {
    const offset = <usize>b * matrixBytes;
    transposeBlock(x + offset, <usize>cols << 2, out + offset, <usize>rows << 2, rows, cols);
  }
}
