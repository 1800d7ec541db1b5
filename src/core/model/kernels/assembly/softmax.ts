// Attention's masked softmax over the keys and its gradient. The mask is built here from the ids, as
// gpt.ts's attentionBias gives it: -1e9 added to each key after the query and -1e9 to each padding key
// (-2e9 for both), added in float32 like the composition, so a row whose keys are all masked gets the
// same (near uniform) probabilities.
import { expShifted, laneMax, laneSum } from './row-exp';

const MASKED: f32 = -1e9;

/** Writes scores + mask for keys [from, to) of query q into dst (from a multiple of 4); their largest value. */
// @ts-ignore: decorator
@inline
function maskKeys(src: usize, dst: usize, keyIds: usize, q: i32, padId: i32, from: i32, to: i32): f32 {
  const masked = f32x4.splat(MASKED);
  let maxV = f32x4.splat(MASKED * 4);
  let k = from;
  for (; k + 4 <= to; k += 4) {
    const offset = <usize>k << 2;
    const future = i32x4.gt_s(i32x4.add(i32x4.splat(k), i32x4(0, 1, 2, 3)), i32x4.splat(q));
    const padding = i32x4.eq(v128.load(keyIds + offset), i32x4.splat(padId));
    const bias = f32x4.add(v128.and(future, masked), v128.and(padding, masked));
    const v = f32x4.add(v128.load(src + offset), bias);
    v128.store(dst + offset, v);
    maxV = f32x4.max(maxV, v);
  }
  let max = laneMax(maxV);
  for (; k < to; k++) {
    const offset = <usize>k << 2;
    const bias: f32 = (k > q ? MASKED : 0) + (load<i32>(keyIds + offset) == padId ? MASKED : 0);
    const v = load<f32>(src + offset) + bias;
    store<f32>(dst + offset, v);
    max = Mathf.max(max, v);
  }
  return max;
}

/**
 * out [batch, heads, len, len] = softmax over the last axis of scores + mask, the mask from ids
 * [batch, len] (int32): key k of query q is masked when k > q or ids[b, k] == padId.
 * When a key up to q is unmasked, every key after q is at least 1e9 below the row's largest value, so its
 * e^x is 0 in float32 (as in the composition): only the first `active` keys are worked out.
 */
export function maskedSoftmax(scores: usize, ids: usize, batch: i32, heads: i32, len: i32, padId: i32, out: usize): void {
  const stride = <usize>len << 2;
  const vectorKeys = len & ~3;
  for (let b = 0; b < batch; b++) {
    const keyIds = ids + <usize>b * stride;
    for (let h = 0; h < heads; h++) {
      for (let q = 0; q < len; q++) {
        const at = (<usize>((b * heads + h) * len + q)) * stride;
        let active = q < vectorKeys ? (q + 4) & ~3 : len;
        let max = maskKeys(scores + at, out + at, keyIds, q, padId, 0, active);
        if (max < MASKED * 0.5 && active < len) {
          max = Mathf.max(max, maskKeys(scores + at, out + at, keyIds, q, padId, active, len));
          active = len;
        }
        const sum = expShifted(out + at, out + at, active, max);
        const total = f32x4.splat(sum);
        let k = 0;
        for (; k + 4 <= active; k += 4) {
          const offset = <usize>k << 2;
          v128.store(out + at + offset, f32x4.div(v128.load(out + at + offset), total));
        }
        for (; k < active; k++) {
          const offset = <usize>k << 2;
          store<f32>(out + at + offset, load<f32>(out + at + offset) / sum);
        }
        for (; k < len; k++) store<f32>(out + at + (<usize>k << 2), 0);
      }
    }
  }
}

/** ds [rows, cols] = p * (dy - sum(dy * p)) per row: the softmax gradient from its output p. */
export function softmaxGrad(p: usize, dy: usize, rows: i32, cols: i32, ds: usize): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = <usize>r * stride;
    let dotV = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = row + (<usize>c << 2);
      dotV = f32x4.add(dotV, f32x4.mul(v128.load(dy + at), v128.load(p + at)));
    }
    let dot = laneSum(dotV);
    for (; c < cols; c++) {
      const at = row + (<usize>c << 2);
      dot += load<f32>(dy + at) * load<f32>(p + at);
    }
    const dotS = f32x4.splat(dot);
    c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = row + (<usize>c << 2);
      v128.store(ds + at, f32x4.mul(v128.load(p + at), f32x4.sub(v128.load(dy + at), dotS)));
    }
    for (; c < cols; c++) {
      const at = row + (<usize>c << 2);
      store<f32>(ds + at, load<f32>(p + at) * (load<f32>(dy + at) - dot));
    }
  }
}
