// Attention's head layout in one pass each way. Rows are the B*T positions; a row of width `width`
// holds H heads of hd values side by side, starting `column` values in. Per head the block of T rows
// is either copied ([B,H,T,hd] heads, optionally scaled) or transposed ([B,H,hd,T] keys).
import { transposeBlock } from './transpose';

// @ts-ignore: decorator
@inline
function copyScaled(src: usize, srcStride: usize, dst: usize, dstStride: usize, rows: i32, cols: i32, scale: f32): void {
  const factor = f32x4.splat(scale);
  const full = cols & ~3;
  for (let r = 0; r < rows; r++) {
    const from = src + <usize>r * srcStride;
    const to = dst + <usize>r * dstStride;
    let c = 0;
    for (; c < full; c += 4) v128.store(to + (<usize>c << 2), f32x4.mul(v128.load(from + (<usize>c << 2)), factor));
    for (; c < cols; c++) store<f32>(to + (<usize>c << 2), load<f32>(from + (<usize>c << 2)) * scale);
  }
}

/** heads [B,H,T,hd] (times scale) <- rows [B*T, width] from `column` on; transposed: heads [B,H,hd,T]. */
function rowsToHeads(rows: usize, width: i32, column: i32, B: i32, T: i32, H: i32, hd: i32, scale: f32, transposed: bool, heads: usize): void {
  const rowStride = <usize>width << 2;
  const headBytes = <usize>T * <usize>hd << 2;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const from = rows + <usize>b * <usize>T * rowStride + (<usize>(column + h * hd) << 2);
      const to = heads + <usize>(b * H + h) * headBytes;
      if (transposed) transposeBlock(from, rowStride, to, <usize>T << 2, T, hd);
      else copyScaled(from, rowStride, to, <usize>hd << 2, T, hd, scale);
    }
  }
}

/** rows [B*T, width] from `column` on <- heads [B,H,T,hd] (times scale); transposed: heads [B,H,hd,T]. */
function headsToRows(heads: usize, B: i32, T: i32, H: i32, hd: i32, scale: f32, transposed: bool, rows: usize, width: i32, column: i32): void {
  const rowStride = <usize>width << 2;
  const headBytes = <usize>T * <usize>hd << 2;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const from = heads + <usize>(b * H + h) * headBytes;
      const to = rows + <usize>b * <usize>T * rowStride + (<usize>(column + h * hd) << 2);
      if (transposed) transposeBlock(from, <usize>T << 2, to, rowStride, hd, T);
      else copyScaled(from, <usize>hd << 2, to, rowStride, T, hd, scale);
    }
  }
}

/** qkv [B*T, 3d] -> q [B,H,T,hd] times scale, kT [B,H,hd,T], v [B,H,T,hd] (d = H hd). */
export function splitHeads(qkv: usize, B: i32, T: i32, H: i32, hd: i32, scale: f32, q: usize, kT: usize, v: usize): void {
  const d = H * hd;
  rowsToHeads(qkv, 3 * d, 0, B, T, H, hd, scale, false, q);
  rowsToHeads(qkv, 3 * d, d, B, T, H, hd, 1, true, kT);
  rowsToHeads(qkv, 3 * d, 2 * d, B, T, H, hd, 1, false, v);
}

/** The gradient of splitHeads: dqkv [B*T, 3d] <- dq times scale, dkT, dv. */
export function joinHeadGradients(dq: usize, dkT: usize, dv: usize, B: i32, T: i32, H: i32, hd: i32, scale: f32, dqkv: usize): void {
  const d = H * hd;
  headsToRows(dq, B, T, H, hd, scale, false, dqkv, 3 * d, 0);
  headsToRows(dkT, B, T, H, hd, 1, true, dqkv, 3 * d, d);
  headsToRows(dv, B, T, H, hd, 1, false, dqkv, 3 * d, 2 * d);
}

/** mixed [B,H,T,hd] -> out [B*T, H hd]. */
export function mergeHeads(mixed: usize, B: i32, T: i32, H: i32, hd: i32, out: usize): void {
  headsToRows(mixed, B, T, H, hd, 1, false, out, H * hd, 0);
}

/** The gradient of mergeHeads: dmixed [B,H,T,hd] <- dout [B*T, H hd]. */
export function unmergeHeads(dout: usize, B: i32, T: i32, H: i32, hd: i32, dmixed: usize): void {
  rowsToHeads(dout, H * hd, 0, B, T, H, hd, 1, false, dmixed);
}
