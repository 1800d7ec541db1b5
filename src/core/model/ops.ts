// The ops the model is built on, each written around a tfjs 4.22 backend quirk.

import * as tf from '@tensorflow/tfjs';
import { wasmBatchMatMul, wasmBatchMatMulSupported } from './wasm-batch-matmul';
import { fusedLayerNorm, fusedLinear, fusedMatMul, fusedTokenCrossEntropy } from './webgpu/fused-ops';
import { fusedCpuKernels, fusedWebGpuKernels } from './fused-switch';
import { gatherRows } from './kernels/embedding-rows';
import { linearProduct, matMulFlags } from './kernels/matmul';
import { kernelTokenCrossEntropy } from './kernels/cross-entropy';
import { kernelLayerNorm } from './kernels/layer-norm';
import { transpose2d } from './kernels/transpose';

/**
 * One-hot rows as float32. Built as int32 and then cast: the wasm backend ignores the dtype
 * argument of tf.oneHot and writes int32 bits into a float32 tensor (so "1" reads as 1.4e-45).
 */
export function oneHotFloat(indices: tf.Tensor, depth: number): tf.Tensor {
  // The product makes a real float32 buffer: webgpu's int32 -> float32 cast only relabels the int32
  // buffer, and its Transpose shader (the selector's gradient) then fails to compile.
  return tf.mul(tf.cast(tf.oneHot(tf.cast(indices, 'int32') as tf.Tensor1D, depth), 'float32'), 1);
}

/** t with its last two axes swapped: the lab's transpose kernel where it runs (tfjs-wasm's Transpose is a scalar loop). */
function swapLastTwo(t: tf.Tensor): tf.Tensor {
  if (fusedCpuKernels() && t.dtype === 'float32') return transpose2d(t);
  const axes = t.shape.map((_, i) => i);
  [axes[t.rank - 2], axes[t.rank - 1]] = [axes[t.rank - 1], axes[t.rank - 2]];
  return tf.transpose(t, axes);
}

function checkBatchDims(a: tf.Tensor, b: tf.Tensor): void {
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  if (a.rank < 2 || !tf.util.arraysEqual(batchA, batchB) || a.shape[a.rank - 1] !== b.shape[b.rank - 2]) {
    throw new RangeError(`matMul: shapes [${a.shape}] and [${b.shape}] do not multiply (same batch dimensions required).`);
  }
}

type Save = (tensors: tf.Tensor[]) => void;

/**
 * tf.matMul over matching batch axes. A batched product on wasm goes through XNNPACK one batch
 * entry at a time (wasm-batch-matmul.ts): tfjs-wasm's own batched path is a scalar loop, ~6x slower.
 */
function product(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (a.rank < 3 || batch === 1 || !wasmBatchMatMulSupported()) return tf.matMul(a, b);
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[b.rank - 1];
  const out = wasmBatchMatMul(tf.reshape(a, [batch, m, k]), tf.reshape(b, [batch, k, n]));
  return tf.reshape(out, [...a.shape.slice(0, -2), m, n]);
}

const matMulWithTransposedGrads = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: Save) => {
  save([a, b]);
  return {
    value: product(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [product(dy, swapLastTwo(saved[1])), product(swapLastTwo(saved[0]), dy)],
  };
}) as never) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * a @ b over the last two axes (batch axes must match), with a gradient built from explicit
 * transposes. The built-in gradient calls matMul with transposeA/transposeB, which on the wasm
 * backend is 10-40x slower than transposing first (measured in Node: [768,2048]^T @ [768,128]
 * takes 670 ms with the flag and 18 ms with an explicit transpose).
 */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  checkBatchDims(a, b);
  if (fusedWebGpuKernels()) return fusedMatMul(a, b);
  if (fusedCpuKernels()) return labProduct(a, b, false);
  return matMulWithTransposedGrads(a, b) as T;
}

/** The lab's product kernel over the last two axes, the leading ones flattened into one batch axis. */
function labProduct<T extends tf.Tensor>(a: T, b: tf.Tensor, transposeB: boolean): T {
  const flags = { transposeA: false, transposeB };
  if (a.rank <= 3) return matMulFlags(a, b, flags);
  const batch = a.shape.slice(0, -2);
  const flat = (t: tf.Tensor) => tf.reshape(t, [-1, ...t.shape.slice(-2)]);
  const out = matMulFlags(flat(a), flat(b), flags);
  return tf.reshape(out, [...batch, ...out.shape.slice(-2)]) as T;
}

/** a @ b^T over the last two axes (batch axes must match); b is never transposed in memory on cpu and wasm. */
export function matMulTransposedB<T extends tf.Tensor>(a: T, b: tf.Tensor): T {
  if (fusedCpuKernels()) {
    if (a.rank < 2 || !tf.util.arraysEqual(a.shape.slice(0, -2), b.shape.slice(0, -2)) || a.shape[a.rank - 1] !== b.shape[b.rank - 1]) {
      throw new RangeError(`matMul: shapes [${a.shape}] and [${b.shape}]^T do not multiply (same batch dimensions required).`);
    }
    return labProduct(a, b, true);
  }
  return matMul(a, swapLastTwo(b));
}

const constantTimesTable = tf.customGrad(((rows: tf.Tensor, table: tf.Tensor, save: Save) => {
  save([rows]);
  return {
    value: product(rows, table),
    // The constant gets a zero gradient (customGrad needs one per input; a fill is cheap).
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.zerosLike(saved[0]), product(swapLastTwo(saved[0]), dy)],
  };
}) as never) as unknown as (rows: tf.Tensor, table: tf.Tensor) => tf.Tensor;

/**
 * rows @ table where rows is a constant (one-hot ids or a position selector): the table's
 * gradient is rows^T @ dy and no matMul is spent on a gradient for the constant. This is an
 * embedding lookup whose gradient is a matMul, not tf.gather (whose gradient,
 * UnsortedSegmentSum, the wasm backend lacks).
 */
export function constantTimes<T extends tf.Tensor>(rows: T, table: tf.Tensor): T {
  checkBatchDims(rows, table);
  return constantTimesTable(rows, table) as T;
}

// ---------------------------------------------------------------------------------------------
// Training-speed ops. Each has a hand-written gradient with fewer, larger kernels than autodiff
// gives. The reason is the wasm backend (measured in Node with `npm run bench:train -- --profile wasm`):
// reductions over any axis but the last are a transpose plus a scalar loop (summing a [1024,512]
// gradient over its rows took ~10 ms), while a 2-D matMul runs in XNNPACK. So column sums are
// written as ones @ x, and a lookup's gradient is a scatter-add rather than a one-hot matMul.

/** Sum over the rows of x [N, k] as [1, N] @ [N, k]: an XNNPACK matMul instead of a slow reduction. */
export function columnSums(x: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(tf.ones([1, x.shape[0]]), x);
}

/**
 * x^T @ dy for x [N, in], dy [N, out], transposing whichever side moves fewer numbers: x (N*in), or
 * dy and the [out, in] result (N*out + out*in). tfjs-wasm's Transpose is a scalar loop (~3.5 ms for
 * [1024,512]): for the MLP's output layer (in = 4 out) the second way measured 5.5 ms against 8.4 ms.
 */
function weightGradient(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  const [N, inputs] = x.shape;
  const outputs = dy.shape[1];
  if (N * inputs <= N * outputs + inputs * outputs) return tf.matMul(tf.transpose(x), dy);
  return tf.transpose(tf.matMul(tf.transpose(dy), x)) as tf.Tensor2D;
}

const linearWithGrads = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Save) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor2D, [xs, ws]: tf.Tensor[]) => [
      tf.matMul(dy, tf.transpose(ws)),
      weightGradient(xs as tf.Tensor2D, dy),
      tf.reshape(columnSums(dy), [dy.shape[1]]),
    ],
  };
}) as never) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * x [N, in] @ w [in, out] + b [out]: the lab's product kernel (kernels/matmul.ts) on cpu and wasm;
 * the composition's gradients use explicit transposes and a ones-matMul for b.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  checkBatchDims(x, w);
  if (b.rank !== 1 || b.shape[0] !== w.shape[1]) throw new RangeError(`linear: bias [${b.shape}] does not match weights [${w.shape}].`);
  if (fusedWebGpuKernels()) return fusedLinear(x, w, b);
  return fusedCpuKernels() ? linearProduct(x, w, b) : linearWithGrads(x, w, b);
}

/**
 * LayerNorm over the last axis of x [N, d]: (x - mean) / sqrt(var + eps) * gain + bias.
 * Gradient (xhat = normalised x, r = 1 / sqrt(var + eps), g = dy * gain):
 *   dx = r * (g - mean(g) - xhat * mean(g * xhat)),   dgain = sum_rows(dy * xhat),   dbias = sum_rows(dy).
 */
export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  if (fusedWebGpuKernels()) return fusedLayerNorm(x, gain, bias, epsilon);
  if (fusedCpuKernels()) return kernelLayerNorm(x, gain, bias, epsilon);
  const norm = tf.customGrad(((xIn: tf.Tensor2D, gainIn: tf.Tensor1D, biasIn: tf.Tensor1D, save: Save) => {
    const centred = tf.sub(xIn, tf.mean(xIn, -1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), epsilon));
    const xhat = tf.mul(centred, rstd);
    save([xhat, rstd, gainIn]);
    return {
      value: tf.add(tf.mul(xhat, gainIn), biasIn),
      gradFunc: (dy: tf.Tensor2D, [xh, r, gn]: tf.Tensor[]) => {
        const g = tf.mul(dy, gn);
        const dx = tf.mul(r, tf.sub(tf.sub(g, tf.mean(g, -1, true)), tf.mul(xh, tf.mean(tf.mul(g, xh), -1, true))));
        const d = dy.shape[1];
        return [dx, tf.reshape(columnSums(tf.mul(dy, xh) as tf.Tensor2D), [d]), tf.reshape(columnSums(dy), [d])];
      },
    };
  }) as never) as unknown as (x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D) => tf.Tensor2D;
  return norm(x, gain, bias);
}

/**
 * Rows table[ids] [N, d]. The gradient is a scatter-add of dy into the table's shape (ScatterNd,
 * which sums repeated ids on cpu, wasm and webgpu): no UnsortedSegmentSum, which wasm lacks,
 * and none of the N x vocab x d work of a one-hot matMul.
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  if (table.rank !== 2 || ids.rank !== 1) throw new RangeError(`embeddingLookup: expects a [V,d] table and [N] ids, got [${table.shape}] and [${ids.shape}].`);
  const indices = tf.cast(ids, 'int32') as tf.Tensor1D;
  if (fusedCpuKernels()) return gatherRows(table, indices);
  // Tensors the gradient needs go through save(): everything else of the forward pass is disposed before it runs.
  const lookup = tf.customGrad(((rows: tf.Tensor2D, save: Save) => {
    save([indices]);
    return {
      value: tf.gather(rows, indices),
      gradFunc: (dy: tf.Tensor2D, [saved]: tf.Tensor[]) => tf.scatterND(tf.reshape(saved, [-1, 1]), dy, rows.shape),
    };
  }) as never) as unknown as (rows: tf.Tensor2D) => tf.Tensor2D;
  return lookup(table);
}

/**
 * -log softmax(logits)[target] per row, logits [N, V], targets [N] (int32). The log-sum-exp
 * comes from the softmax kernel (XNNPACK on wasm) as max(z) - log(max(p)), exact because the
 * largest probability is at least 1/V; the gradient is dy * (softmax - onehot(target)).
 */
export function tokenCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const [N, V] = logits.shape;
  if (targets.rank !== 1 || targets.shape[0] !== N) throw new RangeError(`tokenCrossEntropy: ${targets.shape[0]} targets for ${N} rows.`);
  if (fusedWebGpuKernels()) return fusedTokenCrossEntropy(logits, targets);
  if (fusedCpuKernels()) return kernelTokenCrossEntropy(logits, targets);
  const flatIndex = tf.add(tf.mul(tf.range(0, N, 1, 'int32'), tf.scalar(V, 'int32')), tf.cast(targets, 'int32'));
  const loss = tf.customGrad(((z: tf.Tensor2D, save: Save) => {
    const probs = tf.softmax(z);
    save([probs, flatIndex]);
    const logSumExp = tf.sub(tf.max(z, -1), tf.log(tf.max(probs, -1)));
    return {
      value: tf.sub(logSumExp, tf.gather(tf.reshape(z, [N * V]), flatIndex)),
      gradFunc: (dy: tf.Tensor1D, [p, index]: tf.Tensor[]) => {
        const picked = tf.reshape(tf.scatterND(tf.reshape(index, [N, 1]), dy, [N * V]), [N, V]);
        return tf.sub(tf.mul(p, tf.reshape(dy, [N, 1])), picked);
      },
    };
  }) as never) as unknown as (z: tf.Tensor2D) => tf.Tensor1D;
  return loss(logits);
}
