// Bias + GELU (gpt.ts's tanh GELU written as x * sigmoid(t), t = x (A x^2 + 2c), c = sqrt(2/pi),
// A = 0.044715 * 2c) and its gradient, four columns per SIMD step. The constants are the float32 values
// the tfjs composition multiplies by.
import { expV } from './exp';

const TWO_C: f32 = 1.5957691669464111;
const CUBIC: f32 = 0.07135481387376785;
const THREE_CUBIC: f32 = 0.21406444907188416;

// @ts-ignore: decorator
@inline
function sigmoidOf(t: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, expV(f32x4.neg(t))));
}

// @ts-ignore: decorator
@inline
function geluV(x: v128): v128 {
  const t = f32x4.mul(x, f32x4.add(f32x4.mul(f32x4.mul(x, x), f32x4.splat(CUBIC)), f32x4.splat(TWO_C)));
  return f32x4.mul(x, sigmoidOf(t));
}

/** d gelu / dx = s + x s (1 - s) t', s = sigmoid(t), t' = 3A x^2 + 2c. */
// @ts-ignore: decorator
@inline
function geluSlopeV(x: v128): v128 {
  const x2 = f32x4.mul(x, x);
  const t = f32x4.mul(x, f32x4.add(f32x4.mul(x2, f32x4.splat(CUBIC)), f32x4.splat(TWO_C)));
  const s = sigmoidOf(t);
  const dt = f32x4.add(f32x4.mul(x2, f32x4.splat(THREE_CUBIC)), f32x4.splat(TWO_C));
  const ds = f32x4.mul(s, f32x4.sub(f32x4.splat(1), s));
  return f32x4.add(s, f32x4.mul(f32x4.mul(x, ds), dt));
}

// One pass over h [rows, cols] + b [cols]: gelu into out, or (grad) dy * gelu' into out. Inlined with a
// constant `grad`, so each export compiles to its own branch-free loop.
// @ts-ignore: decorator
@inline
function biasGeluPass(h: usize, b: usize, dy: usize, rows: i32, cols: i32, out: usize, grad: bool): void {
  const stride = <usize>cols << 2;
  for (let r = 0; r < rows; r++) {
    const row = <usize>r * stride;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = row + (<usize>c << 2);
      const x = f32x4.add(v128.load(h + at), v128.load(b + (<usize>c << 2)));
      v128.store(out + at, grad ? f32x4.mul(v128.load(dy + at), geluSlopeV(x)) : geluV(x));
    }
    for (; c < cols; c++) {
      const at = row + (<usize>c << 2);
      const x = f32x4.splat(load<f32>(h + at) + load<f32>(b + (<usize>c << 2)));
      store<f32>(out + at, grad ? load<f32>(dy + at) * f32x4.extract_lane(geluSlopeV(x), 0) : f32x4.extract_lane(geluV(x), 0));
    }
  }
}

/** out [rows, cols] = gelu(h + b), h [rows, cols], b [cols]. */
export function biasGelu(h: usize, b: usize, rows: i32, cols: i32, out: usize): void {
  biasGeluPass(h, b, 0, rows, cols, out, false);
}

/** dh [rows, cols] = dy * gelu'(h + b). */
export function biasGeluGrad(dy: usize, h: usize, b: usize, rows: i32, cols: i32, dh: usize): void {
  biasGeluPass(h, b, dy, rows, cols, dh, true);
}
