// WGSL programs of the transformer block's fused kernels (fused-ops.ts): bias + GELU, column sums,
// LayerNorm, cross-entropy from logits and the masked attention softmax, forward and backward.
import { ROW_THREADS, elementProgram, rowProgram, type FusedProgram } from './program-builders';

/** GELU (tanh form) as model/gpt.ts writes it: x * sigmoid(x * (x^2 * 0.044715 * 2c + 2c)), c = sqrt(2/pi). */
const TWO_C = 2 * Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715 * TWO_C;

const GELU = `
  fn geluInner(z : f32) -> f32 { return z * (z * z * ${GELU_CUBIC} + ${TWO_C}); }
  fn sigmoidOf(u : f32) -> f32 { return 1.0 / (1.0 + exp(-1.0 * u)); }`;

/** gelu(h + bias): h [N, F], bias [F]. */
export function biasGeluProgram(shape: number[]): FusedProgram {
  const program = elementProgram('bias_gelu', ['h', 'bias'], shape, `
      let z = h[index] + bias[index % uniforms.biasShape];
      setOutputAtIndex(index, z * sigmoidOf(geluInner(z)));`);
  const code = program.getUserCode;
  return { ...program, getUserCode: () => GELU + code() };
}

/** d gelu(h + bias) / dh * dy. */
export function biasGeluGradProgram(shape: number[]): FusedProgram {
  const program = elementProgram('bias_gelu_grad', ['dy', 'h', 'bias'], shape, `
      let z = h[index] + bias[index % uniforms.biasShape];
      let s = sigmoidOf(geluInner(z));
      let du = ${TWO_C} + 3.0 * ${GELU_CUBIC} * z * z;
      setOutputAtIndex(index, dy[index] * (s + z * s * (1.0 - s) * du));`);
  const code = program.getUserCode;
  return { ...program, getUserCode: () => GELU + code() };
}

/** Sum over the rows of x [N, F]: [F], one thread per column. */
export function columnSumProgram(columns: number): FusedProgram {
  return elementProgram('column_sum', ['x'], [columns], `
      let rows = uniforms.xShape[0];
      var total = 0.0;
      for (var r = 0; r < rows; r++) { total += x[r * uniforms.size + index]; }
      setOutputAtIndex(index, total);`);
}

/** mean and rstd = 1 / sqrt(var + epsilon) of row `row` of x [N, d] (two passes, as ops.ts). */
const LAYER_NORM_STATS = `
    let start = row * cols;
    var s = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) { s += x[start + c]; }
    let mean = rowSum(s, tid) / f32(cols);
    var q = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) { let v = x[start + c] - mean; q += v * v; }
    let rstd = inverseSqrt(rowSum(q, tid) / f32(cols) + uniforms.epsilon);`;

/** LayerNorm over the last axis of x [N, d] with gain and bias [d]. */
export function layerNormProgram(shape: [number, number]): FusedProgram {
  return rowProgram('layer_norm', ['x', 'gain', 'bias'], shape, 'uniforms.xShape[1]', `
    ${LAYER_NORM_STATS}
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      setOutputAtIndex(start + c, (x[start + c] - mean) * rstd * gain[c] + bias[c]);
    }`, 'epsilon : f32,');
}

/** Per row of x [N, d]: [mean, 1 / sqrt(var + epsilon)] as [N, 2]. */
export function layerNormStatsProgram(rows: number): FusedProgram {
  return rowProgram('layer_norm_stats', ['x'], [rows, 2], 'uniforms.xShape[1]', `
    ${LAYER_NORM_STATS}
    if (tid == 0) {
      setOutputAtIndex(row * 2, mean);
      setOutputAtIndex(row * 2 + 1, rstd);
    }`, 'epsilon : f32,');
}

/** dx of LayerNorm: rstd * (g - mean(g) - xhat * mean(g * xhat)), g = dy * gain. */
export function layerNormGradProgram(shape: [number, number]): FusedProgram {
  return rowProgram('layer_norm_grad', ['dy', 'x', 'gain', 'stats'], shape, 'uniforms.xShape[1]', `
    let start = row * cols;
    let mean = stats[row * 2];
    let rstd = stats[row * 2 + 1];
    var sg = 0.0;
    var sgx = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      let g = dy[start + c] * gain[c];
      sg += g;
      sgx += g * (x[start + c] - mean) * rstd;
    }
    let meanG = rowSum(sg, tid) / f32(cols);
    let meanGX = rowSum(sgx, tid) / f32(cols);
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      let xhat = (x[start + c] - mean) * rstd;
      setOutputAtIndex(start + c, rstd * (dy[start + c] * gain[c] - meanG - xhat * meanGX));
    }`);
}

/** d gain of LayerNorm: sum over rows of dy * xhat, [d], one thread per column. */
export function layerNormGainGradProgram(columns: number): FusedProgram {
  return elementProgram('layer_norm_gain_grad', ['dy', 'x', 'stats'], [columns], `
      let rows = uniforms.xShape[0];
      var total = 0.0;
      for (var r = 0; r < rows; r++) {
        let i = r * uniforms.size + index;
        total += dy[i] * ((x[i] - stats[r * 2]) * stats[r * 2 + 1]);
      }
      setOutputAtIndex(index, total);`);
}

const ROW_SOFTMAX_STATS = `
    var m = -3.402823e+38;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) { m = max(m, logits[start + c]); }
    let largest = rowMax(m, tid);
    var s = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) { s += exp(logits[start + c] - largest); }
    let total = rowSum(s, tid);`;

/** -log softmax(logits)[target] per row: logits [N, V], targets [N] (int32) -> [N]. */
export function crossEntropyProgram(rows: number): FusedProgram {
  return rowProgram('cross_entropy', ['logits', 'targets'], [rows], 'uniforms.logitsShape[1]', `
    let start = row * cols;
    ${ROW_SOFTMAX_STATS}
    if (tid == 0) { setOutputAtIndex(row, largest + log(total) - logits[start + targets[row]]); }`);
}

/** Gradient of the per-row cross-entropy: (softmax(logits) - onehot(target)) * dy[row]. */
export function crossEntropyGradProgram(shape: [number, number]): FusedProgram {
  return rowProgram('cross_entropy_grad', ['logits', 'targets', 'dy'], shape, 'uniforms.logitsShape[1]', `
    let start = row * cols;
    ${ROW_SOFTMAX_STATS}
    let scale = dy[row];
    let picked = targets[row];
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      let p = exp(logits[start + c] - largest) / total;
      setOutputAtIndex(start + c, p * scale - select(0.0, scale, c == picked));
    }`);
}

/**
 * Softmax over keys of attention scores [R, T] (R = B*H*T rows, row = (b, h, q)) after adding the
 * additive mask model/gpt.ts builds: -1e9 for a key after q, plus -1e9 for a key on padding (ids [B, T]).
 */
export function maskedSoftmaxProgram(shape: [number, number]): FusedProgram {
  return rowProgram('masked_softmax', ['logits', 'ids'], shape, 'uniforms.logitsShape[1]', `
    let start = row * cols;
    let q = row % cols;
    let idsStart = (row / (cols * uniforms.heads)) * cols;
    var m = -3.402823e+38;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      m = max(m, logits[start + c] + (select(0.0, -1e9, c > q) + select(0.0, -1e9, ids[idsStart + c] == uniforms.padId)));
    }
    let largest = rowMax(m, tid);
    var s = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      s += exp(logits[start + c] + (select(0.0, -1e9, c > q) + select(0.0, -1e9, ids[idsStart + c] == uniforms.padId)) - largest);
    }
    let total = rowSum(s, tid);
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      let v = logits[start + c] + (select(0.0, -1e9, c > q) + select(0.0, -1e9, ids[idsStart + c] == uniforms.padId));
      setOutputAtIndex(start + c, exp(v - largest) / total);
    }`, 'heads : i32, padId : i32,');
}

/** Softmax gradient from its output p [R, T]: dy * p - sum(dy * p) * p per row (tfjs's form). */
export function softmaxGradProgram(shape: [number, number]): FusedProgram {
  return rowProgram('softmax_grad', ['probs', 'dy'], shape, 'uniforms.probsShape[1]', `
    let start = row * cols;
    var s = 0.0;
    for (var c = tid; c < cols; c += ${ROW_THREADS}) { s += dy[start + c] * probs[start + c]; }
    let weighted = rowSum(s, tid);
    for (var c = tid; c < cols; c += ${ROW_THREADS}) {
      let dp = dy[start + c] * probs[start + c];
      setOutputAtIndex(start + c, dp - weighted * probs[start + c]);
    }`);
}
