// e^x on four lanes (Cephes expf: x = n ln2 + r, |r| <= ln2 / 2, a degree-7 polynomial for e^r, times
// 2^n built in the exponent bits). Relative error about 2e-7 (float32 rounding); e^x is 0 below -87.33
// (as float32 underflows), and x is capped at 88.37 (below float32's overflow).
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const LOWEST: f32 = -87.33654;
const HIGHEST: f32 = 88.37626;

// Rounds with the 1.5 * 2^23 bias (adding it leaves round-to-nearest(y) in the low mantissa bits) and
// clamps with pmin/pmax (one instruction each): f32x4.nearest, trunc_sat and min/max are long
// instruction sequences in V8.
const ROUNDING_BIAS: f32 = 12582912.0;

// @ts-ignore: decorator
@inline
export function expV(x: v128): v128 {
  const below = f32x4.lt(x, f32x4.splat(LOWEST));
  const clamped = f32x4.pmax(f32x4.pmin(x, f32x4.splat(HIGHEST)), f32x4.splat(LOWEST));
  const biased = f32x4.add(f32x4.mul(clamped, f32x4.splat(LOG2E)), f32x4.splat(ROUNDING_BIAS));
  const n = f32x4.sub(biased, f32x4.splat(ROUNDING_BIAS));
  let r = f32x4.sub(clamped, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const r2 = f32x4.mul(r, r);
  const er = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1));
  // 2^n: the biased value's low bits hold n (two's complement); add 127 and shift into the exponent.
  const scale = i32x4.shl(i32x4.add(i32x4.sub(biased, f32x4.splat(ROUNDING_BIAS)), i32x4.splat(127)), 23);
  const result = f32x4.mul(er, scale);
  return v128.andnot(result, below);
}

/** e^x for one number, the same arithmetic as expV (lane 0). */
// @ts-ignore: decorator
@inline
export function expS(x: f32): f32 {
  return f32x4.extract_lane(expV(f32x4.splat(x)), 0);
}

/** For tests: out[i] = e^(x[i]) for i < n, four at a time then one at a time. */
export function expArray(x: usize, n: i32, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), expV(v128.load(x + (<usize>i << 2))));
  for (; i < n; i++) store<f32>(out + (<usize>i << 2), expS(load<f32>(x + (<usize>i << 2))));
}
