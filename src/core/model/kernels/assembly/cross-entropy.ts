// Token cross-entropy from logits z [rows, cols] and int32 targets [rows]: loss = logsumexp(z) - z[target]
// per row, and its gradient dz = dy * (softmax(z) - onehot(target)) from z and the saved logsumexp.
// A target outside [0, cols) gives NaN (loss and gradient row) instead of reading past the row.
import { expS, expV } from './exp';

const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;

/**
 * ln(s) for a positive normal s (here a sum of e^(z - max), in [1, cols]): s = m 2^e with m in
 * [sqrt(1/2), sqrt(2)), ln m = 2 atanh(t) with t = (m - 1) / (m + 1), |t| < 0.172, as a series in f64.
 */
// @ts-ignore: decorator
@inline
function logS(s: f32): f32 {
  const bits = reinterpret<u64>(<f64>s);
  let e = <f64>(<i32>((bits >> 52) & 0x7ff) - 1023);
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const t = (m - 1) / (m + 1);
  const t2 = t * t;
  const series = 1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11 + t2 * (1.0 / 13 + t2 / 15))))));
  return <f32>(e * LN2 + 2 * t * series);
}

// @ts-ignore: decorator
@inline
function rowMax(row: usize, cols: i32): f32 {
  let c = 0;
  let best: f32 = -Infinity;
  if (cols >= 4) {
    let acc = v128.load(row);
    for (c = 4; c + 4 <= cols; c += 4) acc = f32x4.max(acc, v128.load(row + (<usize>c << 2)));
    best = Mathf.max(Mathf.max(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)), Mathf.max(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)));
  }
  for (; c < cols; c++) best = Mathf.max(best, load<f32>(row + (<usize>c << 2)));
  return best;
}

/** loss[r] = logsumexp(z[r]) - z[r, target[r]]; lse[r] = logsumexp(z[r]) for the backward pass. */
export function crossEntropy(z: usize, targets: usize, rows: i32, cols: i32, loss: usize, lse: usize): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = z + <usize>r * stride;
    const max = rowMax(row, cols);
    const maxV = f32x4.splat(max);
    let acc = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= cols; c += 4) acc = f32x4.add(acc, expV(f32x4.sub(v128.load(row + (<usize>c << 2)), maxV)));
    let sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    for (; c < cols; c++) sum += expS(load<f32>(row + (<usize>c << 2)) - max);
    const logSumExp = max + logS(sum);
    const target = load<i32>(targets + (<usize>r << 2));
    const inRange = target >= 0 && target < cols;
    store<f32>(lse + (<usize>r << 2), logSumExp);
    store<f32>(loss + (<usize>r << 2), inRange ? logSumExp - load<f32>(row + (<usize>target << 2)) : <f32>NaN);
  }
}

/** dz[r] = dy[r] * (e^(z[r] - lse[r]) - onehot(target[r])). */
export function crossEntropyGrad(z: usize, targets: usize, lse: usize, dy: usize, rows: i32, cols: i32, dz: usize): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = z + <usize>r * stride;
    const dst = dz + <usize>r * stride;
    const weight = load<f32>(dy + (<usize>r << 2));
    const shift = load<f32>(lse + (<usize>r << 2));
    const target = load<i32>(targets + (<usize>r << 2));
    const inRange = target >= 0 && target < cols;
    const weightV = f32x4.splat(inRange ? weight : <f32>NaN);
    const shiftV = f32x4.splat(shift);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = <usize>c << 2;
      v128.store(dst + at, f32x4.mul(weightV, expV(f32x4.sub(v128.load(row + at), shiftV))));
    }
    for (; c < cols; c++) {
      const at = <usize>c << 2;
      store<f32>(dst + at, f32x4.extract_lane(weightV, 0) * expS(load<f32>(row + at) - shift));
    }
    if (inRange) {
      const at = dst + (<usize>target << 2);
      store<f32>(at, load<f32>(at) - weight);
    }
  }
}
