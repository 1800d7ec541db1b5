// Row helpers shared by the softmax-style kernels (masked attention softmax, cross-entropy).
import { expS, expV } from './exp';

// @ts-ignore: decorator
@inline
export function laneMax(v: v128): f32 {
  return Mathf.max(
    Mathf.max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)),
    Mathf.max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)),
  );
}

// @ts-ignore: decorator
@inline
export function laneSum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** dst[k] = e^(src[k] - max) for k < n (dst may be src); their sum. */
// @ts-ignore: decorator
@inline
export function expShifted(src: usize, dst: usize, n: i32, max: f32): f32 {
  const top = f32x4.splat(max);
  let sumV = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const offset = <usize>k << 2;
    const e = expV(f32x4.sub(v128.load(src + offset), top));
    v128.store(dst + offset, e);
    sumV = f32x4.add(sumV, e);
  }
  let sum = laneSum(sumV);
  for (; k < n; k++) {
    const offset = <usize>k << 2;
    const e = expS(load<f32>(src + offset) - max);
    store<f32>(dst + offset, e);
    sum += e;
  }
  return sum;
}
