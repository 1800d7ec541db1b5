// Matrix products on cpu and wasm: C = op(A) @ op(B) (+ bias), 2-D or batched over a leading axis,
// with either operand read transposed at no extra cost. On wasm this is the lab's own kernel
// (assembly/gemm.ts: packed operands, a 4 x 8 register tile, fused multiply-adds with relaxed SIMD),
// measured at 1.1-1.6x tfjs-wasm's XNNPACK products without relaxed SIMD and 1.3-2x with it on this
// model's shapes (BENCHMARKS.md); the transposes the tfjs composition makes for gradients disappear.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { columnSum } from './column-sum';
import { runKernel, type FusedKernelSpec, type KernelArray } from './define-kernel';

export interface ProductFlags {
  transposeA: boolean;
  transposeB: boolean;
}

interface Dims {
  batch: number;
  M: number;
  K: number;
  N: number;
}

function dimsOf(a: number[], b: number[], { transposeA, transposeB }: ProductFlags): Dims {
  const rank = a.length;
  if ((rank !== 2 && rank !== 3) || b.length !== rank || (rank === 3 && a[0] !== b[0])) {
    throw new RangeError(`LabMatMul: needs [M,K] and [K,N], or [B,M,K] and [B,K,N] with the same B; got [${a}] and [${b}].`);
  }
  const [r0, r1] = a.slice(-2);
  const [s0, s1] = b.slice(-2);
  const [M, K] = transposeA ? [r1, r0] : [r0, r1];
  const [K2, N] = transposeB ? [s1, s0] : [s0, s1];
  if (K !== K2) throw new RangeError(`LabMatMul: [${a}]${transposeA ? '^T' : ''} and [${b}]${transposeB ? '^T' : ''} do not multiply.`);
  return { batch: rank === 3 ? a[0] : 1, M, K, N };
}

function outputShape(a: number[], dims: Dims): number[] {
  return a.length === 3 ? [dims.batch, dims.M, dims.N] : [dims.M, dims.N];
}

/** The reference: row by row, k in order (float32 rounding after every add). */
function cpuProduct([a, b, bias]: KernelArray[], { batch, M, K, N }: Dims, flags: ProductFlags, out: KernelArray): void {
  const row = new Float32Array(N);
  for (let s = 0; s < batch; s++) {
    const aBase = s * M * K;
    const bBase = s * K * N;
    for (let i = 0; i < M; i++) {
      row.fill(0);
      for (let k = 0; k < K; k++) {
        const x = a[aBase + (flags.transposeA ? k * M + i : i * K + k)];
        if (flags.transposeB) for (let j = 0; j < N; j++) row[j] += x * b[bBase + j * K + k];
        else for (let j = 0; j < N; j++) row[j] += x * b[bBase + k * N + j];
      }
      if (bias) for (let j = 0; j < N; j++) row[j] += bias[j];
      out.set(row, (s * M + i) * N);
    }
  }
}

function spec(withBias: boolean): FusedKernelSpec<ProductFlags> {
  const name = withBias ? 'LabMatMulBias' : 'LabMatMul';
  return {
    name,
    inputs: withBias ? ['a', 'b', 'bias'] : ['a', 'b'],
    outputs([a, b, bias], flags) {
      const dims = dimsOf(a, b, flags);
      if (bias && (bias.length !== 1 || bias[0] !== dims.N)) throw new RangeError(`${name}: bias [${bias}] does not match ${dims.N} output columns.`);
      return [{ shape: outputShape(a, dims), dtype: 'float32' }];
    },
    scratch([a, b], flags) {
      const { K, N } = dimsOf(a, b, flags);
      return K * Math.ceil(N / 8) * 8 + 4 * K + 32;
    },
    cpu(inputs, [a, b], [out], flags) {
      cpuProduct(inputs, dimsOf(a, b, flags), flags, out);
    },
    wasm(kernels, [a, b, bias], [aShape, bShape], [out], flags, scratch) {
      const { batch, M, K, N } = dimsOf(aShape, bShape, flags);
      kernels.gemm(a, b, bias ?? 0, out, batch, M, K, N, flags.transposeA ? 1 : 0, flags.transposeB ? 1 : 0, scratch);
    },
  };
}

const PRODUCT = spec(false);
const PRODUCT_WITH_BIAS = spec(true);

/** op(a) @ op(b) (+ bias), no gradient: the kernel itself. */
export function product(a: tf.Tensor, b: tf.Tensor, flags: ProductFlags, bias?: tf.Tensor1D): tf.Tensor {
  return bias ? runKernel(PRODUCT_WITH_BIAS, [a, b, bias], flags)[0] : runKernel(PRODUCT, [a, b], flags)[0];
}

type Save = (tensors: tf.Tensor[]) => void;

/**
 * The gradients of C = op(A) op(B) as products of the same kernel (no transposes):
 * dA = dC op(B)^T (stored transposed when A is), dB = op(A)^T dC (likewise).
 */
function gradients(dc: tf.Tensor, a: tf.Tensor, b: tf.Tensor, { transposeA, transposeB }: ProductFlags): [tf.Tensor, tf.Tensor] {
  const da = transposeA ? product(b, dc, { transposeA: transposeB, transposeB: true }) : product(dc, b, { transposeA: false, transposeB: !transposeB });
  const db = transposeB ? product(dc, a, { transposeA: true, transposeB: transposeA }) : product(a, dc, { transposeA: !transposeA, transposeB: false });
  return [da, db];
}

/** op(a) @ op(b) over the last two axes (2-D, or 3-D with matching batch), differentiable. */
export function matMulFlags<T extends tf.Tensor>(a: T, b: tf.Tensor, flags: ProductFlags): T {
  const op = tf.customGrad(((x: tf.Tensor, y: tf.Tensor, save: Save) => {
    save([x, y]);
    return {
      value: product(x, y, flags),
      gradFunc: (dc: tf.Tensor, [xs, ys]: tf.Tensor[]) => {
        const [da, db] = gradients(dc, xs, ys, flags);
        return [checkedGradient('matMul', da), db];
      },
    };
  }) as never) as unknown as (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;
  return op(a, b) as T;
}

/** x [N, in] @ w [in, out] + b [out], differentiable; the bias sum is a column-sum kernel. */
export function linearProduct(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  const op = tf.customGrad(((xIn: tf.Tensor2D, wIn: tf.Tensor2D, bIn: tf.Tensor1D, save: Save) => {
    save([xIn, wIn]);
    return {
      value: product(xIn, wIn, { transposeA: false, transposeB: false }, bIn),
      gradFunc: (dy: tf.Tensor2D, [xs, ws]: tf.Tensor[]) => {
        const [dx, dw] = gradients(dy, xs, ws, { transposeA: false, transposeB: false });
        return [checkedGradient('linear', dx), dw, columnSum(dy)];
      },
    };
  }) as never) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
  return op(x, w, b);
}
