// Clipping by global norm and the AdamW update (kernels/adamw.ts): the same float32 operations, in the
// same order, as training/step/clip.ts and adamw.ts.

/**
 * Squares x[0..n) in float32 (like tf.square) and sums them in float64 lanes (like tfjs-cpu's sum);
 * out[0] becomes that sum as float32, plus out[0] when `accumulate` (a float32 add, like clip.ts's).
 */
export function addSumOfSquares(x: usize, n: i32, out: usize, accumulate: i32): void {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  let c = f64x2.splat(0);
  let d = f64x2.splat(0);
  const end = x + (<usize>n << 2);
  let p = x;
  for (; p + 32 <= end; p += 32) {
    const s0 = v128.load(p);
    const s1 = v128.load(p, 16);
    const q0 = f32x4.mul(s0, s0);
    const q1 = f32x4.mul(s1, s1);
    a = f64x2.add(a, f64x2.promote_low_f32x4(q0));
    b = f64x2.add(b, f64x2.promote_low_f32x4(i32x4.shuffle(q0, q0, 2, 3, 0, 1)));
    c = f64x2.add(c, f64x2.promote_low_f32x4(q1));
    d = f64x2.add(d, f64x2.promote_low_f32x4(i32x4.shuffle(q1, q1, 2, 3, 0, 1)));
  }
  const lanes = f64x2.add(f64x2.add(a, b), f64x2.add(c, d));
  let sum = f64x2.extract_lane(lanes, 0) + f64x2.extract_lane(lanes, 1);
  for (; p < end; p += 4) {
    const value = load<f32>(p);
    sum += <f64>(value * value);
  }
  const total = <f32>sum;
  store<f32>(out, accumulate ? load<f32>(out) + total : total);
}

/**
 * One AdamW step of n elements in one pass: the gradient scaled by maxNorm / max(sqrt(sumSq), maxNorm)
 * when `clip`, the moments, then the parameter (decay = 1 leaves it undecayed, exactly). Writes the
 * results to outParam, outM, outV; the inputs stay as they are.
 */
export function adamW(
  param: usize, m: usize, v: usize, grad: usize, sumSq: usize, n: i32,
  outParam: usize, outM: usize, outV: usize,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, epsilon: f32,
  sqrtCorrection2: f32, decay: f32, stepSize: f32, maxNorm: f32, clip: i32,
): void {
  let scale: f32 = 1;
  if (clip) scale = maxNorm / max<f32>(Mathf.sqrt(load<f32>(sumSq)), maxNorm);
  const scaleV = f32x4.splat(scale);
  const beta1V = f32x4.splat(beta1);
  const oneMinusBeta1V = f32x4.splat(oneMinusBeta1);
  const beta2V = f32x4.splat(beta2);
  const oneMinusBeta2V = f32x4.splat(oneMinusBeta2);
  const epsilonV = f32x4.splat(epsilon);
  const correctionV = f32x4.splat(sqrtCorrection2);
  const decayV = f32x4.splat(decay);
  const stepV = f32x4.splat(stepSize);
  const bytes = <usize>n << 2;
  let at: usize = 0;
  for (; at + 16 <= bytes; at += 16) {
    const g = f32x4.mul(v128.load(grad + at), scaleV);
    const nextM = f32x4.add(f32x4.mul(v128.load(m + at), beta1V), f32x4.mul(g, oneMinusBeta1V));
    const nextV = f32x4.add(f32x4.mul(v128.load(v + at), beta2V), f32x4.mul(f32x4.mul(g, g), oneMinusBeta2V));
    const denominator = f32x4.add(f32x4.div(f32x4.sqrt(nextV), correctionV), epsilonV);
    const kept = f32x4.mul(v128.load(param + at), decayV);
    v128.store(outParam + at, f32x4.sub(kept, f32x4.mul(f32x4.div(nextM, denominator), stepV)));
    v128.store(outM + at, nextM);
    v128.store(outV + at, nextV);
  }
  for (; at < bytes; at += 4) {
    const g = load<f32>(grad + at) * scale;
    const nextM = load<f32>(m + at) * beta1 + g * oneMinusBeta1;
    const nextV = load<f32>(v + at) * beta2 + (g * g) * oneMinusBeta2;
    const denominator = Mathf.sqrt(nextV) / sqrtCorrection2 + epsilon;
    store<f32>(outParam + at, load<f32>(param + at) * decay - (nextM / denominator) * stepSize);
    store<f32>(outM + at, nextM);
    store<f32>(outV + at, nextV);
  }
}
