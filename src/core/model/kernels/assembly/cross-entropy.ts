// Token cross-entropy from logits z [rows, cols] and int32 targets [rows]: loss = logsumexp(z) - z[target]
// per row with softmax(z) kept, and its gradient dz = dy * (softmax(z) - onehot(target)) from it.
// A target outside [0, cols) gives NaN (loss and gradient row) instead of reading past the row.
import { expShifted, laneMax } from './row-exp';

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
    for (c = 4; c + 4 <= cols; c += 4) acc = f32x4.pmax(acc, v128.load(row + (<usize>c << 2)));
    best = laneMax(acc);
  }
  for (; c < cols; c++) best = Mathf.max(best, load<f32>(row + (<usize>c << 2)));
  return best;
}

/**
 * loss[r] = logsumexp(z[r]) - z[r, target[r]], and probs[r] = softmax(z[r]) for the backward pass
 * (one e^x per logit: the gradient then needs none; the row is still in cache when it is scaled).
 */
export function crossEntropy(z: usize, targets: usize, rows: i32, cols: i32, loss: usize, probs: usize): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = z + <usize>r * stride;
    const dst = probs + <usize>r * stride;
    const max = rowMax(row, cols);
    const sum = expShifted(row, dst, cols, max);
    const scale: f32 = 1 / sum;
    const scaleV = f32x4.splat(scale);
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(dst + (<usize>c << 2), f32x4.mul(v128.load(dst + (<usize>c << 2)), scaleV));
    for (; c < cols; c++) store<f32>(dst + (<usize>c << 2), load<f32>(dst + (<usize>c << 2)) * scale);
    const target = load<i32>(targets + (<usize>r << 2));
    const inRange = target >= 0 && target < cols;
    store<f32>(loss + (<usize>r << 2), inRange ? max + logS(sum) - load<f32>(row + (<usize>target << 2)) : <f32>NaN);
  }
}

/** dz[r] = dy[r] * (probs[r] - onehot(target[r])). */
export function crossEntropyGrad(probs: usize, targets: usize, dy: usize, rows: i32, cols: i32, dz: usize): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = probs + <usize>r * stride;
    const dst = dz + <usize>r * stride;
    const weight = load<f32>(dy + (<usize>r << 2));
    const target = load<i32>(targets + (<usize>r << 2));
    const inRange = target >= 0 && target < cols;
    const rowWeight: f32 = inRange ? weight : <f32>NaN;
    const weightV = f32x4.splat(rowWeight);
    let c = 0;
    for (; c + 4 <= cols; c += 4) v128.store(dst + (<usize>c << 2), f32x4.mul(weightV, v128.load(row + (<usize>c << 2))));
    for (; c < cols; c++) store<f32>(dst + (<usize>c << 2), rowWeight * load<f32>(row + (<usize>c << 2)));
    if (inRange) {
      const at = dst + (<usize>target << 2);
      store<f32>(at, load<f32>(at) - weight);
    }
  }
}
