// C = op(A) @ op(B) (+ bias on every row), for `batch` independent products stored one after another.
// op(A) is [M, K]: A stored [M, K] (transA = 0) or [K, M] (transA = 1); op(B) is [K, N]: B stored
// [K, N] (transB = 0) or [N, K] (transB = 1). Both operands are packed first (B into panels of 8
// columns, A four rows at a time; transposes cost nothing more than packing), then a 4 x 8 register
// tile runs over K. With relaxed SIMD (the build's relaxed variant) the tile uses fused multiply-adds.
//
// scratch: at least gemmScratchFloats(K, N) floats.

// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

function packB(b: usize, K: i32, N: i32, transB: i32, out: usize): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) {
    const col0 = p << 3;
    const width = min(8, N - col0);
    let dst = out + ((<usize>p * <usize>K) << 5);
    for (let k = 0; k < K; k++) {
      if (transB == 0 && width == 8) {
        const src = b + ((<usize>k * <usize>N + <usize>col0) << 2);
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
      } else {
        for (let j = 0; j < 8; j++) {
          let value: f32 = 0;
          if (j < width) {
            const index = transB == 0 ? <usize>k * <usize>N + <usize>(col0 + j) : <usize>(col0 + j) * <usize>K + <usize>k;
            value = load<f32>(b + (index << 2));
          }
          store<f32>(dst + (<usize>j << 2), value);
        }
      }
      dst += 32;
    }
  }
}

function packA(a: usize, M: i32, K: i32, transA: i32, row0: i32, out: usize): void {
  const rows = min(4, M - row0);
  let dst = out;
  for (let k = 0; k < K; k++) {
    if (transA == 1 && rows == 4) {
      v128.store(dst, v128.load(a + ((<usize>k * <usize>M + <usize>row0) << 2)));
    } else {
      for (let r = 0; r < 4; r++) {
        let value: f32 = 0;
        if (r < rows) {
          const index = transA == 0 ? <usize>(row0 + r) * <usize>K + <usize>k : <usize>k * <usize>M + <usize>(row0 + r);
          value = load<f32>(a + (index << 2));
        }
        store<f32>(dst + (<usize>r << 2), value);
      }
    }
    dst += 16;
  }
}

export function gemmScratchFloats(K: i32, N: i32): i32 {
  return K * (((N + 7) >> 3) << 3) + 4 * K + 32;
}

function gemmOne(a: usize, b: usize, bias: usize, c: usize, M: i32, K: i32, N: i32, transA: i32, transB: i32, scratch: usize): void {
  const panels = (N + 7) >> 3;
  const packedB = scratch;
  const packedA = scratch + ((<usize>panels * <usize>K) << 5);
  const spill = packedA + (<usize>K << 4);
  const stride = <usize>N << 2;
  packB(b, K, N, transB, packedB);
  for (let row0 = 0; row0 < M; row0 += 4) {
    packA(a, M, K, transA, row0, packedA);
    const rows = min(4, M - row0);
    for (let p = 0; p < panels; p++) {
      let bp = packedB + ((<usize>p * <usize>K) << 5);
      let ap = packedA;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const a0 = v128.load32_splat(ap);
        const a1 = v128.load32_splat(ap, 4);
        const a2 = v128.load32_splat(ap, 8);
        const a3 = v128.load32_splat(ap, 12);
        c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
        c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
        c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
        c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
        bp += 32;
        ap += 16;
      }
      const col0 = p << 3;
      const cols = min(8, N - col0);
      if (bias != 0) {
        let bias0: v128, bias1: v128;
        if (cols == 8) {
          bias0 = v128.load(bias + (<usize>col0 << 2));
          bias1 = v128.load(bias + (<usize>col0 << 2), 16);
        } else {
          for (let j = 0; j < 8; j++) store<f32>(spill + (<usize>j << 2), j < cols ? load<f32>(bias + (<usize>(col0 + j) << 2)) : 0);
          bias0 = v128.load(spill);
          bias1 = v128.load(spill, 16);
        }
        c00 = f32x4.add(c00, bias0); c01 = f32x4.add(c01, bias1); c10 = f32x4.add(c10, bias0); c11 = f32x4.add(c11, bias1);
        c20 = f32x4.add(c20, bias0); c21 = f32x4.add(c21, bias1); c30 = f32x4.add(c30, bias0); c31 = f32x4.add(c31, bias1);
      }
      const cp = c + ((<usize>row0 * <usize>N + <usize>col0) << 2);
      if (rows == 4 && cols == 8) {
        v128.store(cp, c00); v128.store(cp, c01, 16);
        v128.store(cp + stride, c10); v128.store(cp + stride, c11, 16);
        v128.store(cp + 2 * stride, c20); v128.store(cp + 2 * stride, c21, 16);
        v128.store(cp + 3 * stride, c30); v128.store(cp + 3 * stride, c31, 16);
      } else {
        // An edge tile: spill the accumulators and copy the part that exists.
        v128.store(spill, c00); v128.store(spill, c01, 16); v128.store(spill, c10, 32); v128.store(spill, c11, 48);
        v128.store(spill, c20, 64); v128.store(spill, c21, 80); v128.store(spill, c30, 96); v128.store(spill, c31, 112);
        for (let r = 0; r < rows; r++) {
          for (let j = 0; j < cols; j++) store<f32>(cp + <usize>r * stride + (<usize>j << 2), load<f32>(spill + (<usize>(r * 8 + j) << 2)));
        }
      }
    }
  }
}

/** `batch` products; bias = 0: none, else a [N] vector added to every row of every product. */
export function gemm(a: usize, b: usize, bias: usize, c: usize, batch: i32, M: i32, K: i32, N: i32, transA: i32, transB: i32, scratch: usize): void {
  for (let i = 0; i < batch; i++) {
    gemmOne(a + ((<usize>i * <usize>M * <usize>K) << 2), b + ((<usize>i * <usize>K * <usize>N) << 2), bias, c + ((<usize>i * <usize>M * <usize>N) << 2), M, K, N, transA, transB, scratch);
  }
}
