// The sum of squares of every gradient of a step, in one kernel: what clip.ts's global norm is the
// square root of. The kernel takes every gradient as an input (g0..g{n-1}), so there is one spec per
// count, named by it (a step has one count per stage). Each gradient's squares are summed in float64
// and rounded, then the gradients' sums are added in float32 in order, as clip.ts adds its tf.sum's
// (tfjs-cpu sums in float64 too; tfjs-wasm's sum adds in float32, one element at a time, so on large
// gradients its norm is off by up to ~1e-5 relative where this one is not).
import * as tf from '@tensorflow/tfjs';
import { runKernel, type FusedKernelSpec } from './define-kernel';

type NoAttrs = Record<string, never>;

function sumOfSquaresSpec(count: number): FusedKernelSpec<NoAttrs> {
  const name = `LabSumOfSquares${count}`;
  return {
    name,
    inputs: Array.from({ length: count }, (_, i) => `g${i}`),
    outputs(shapes) {
      if (shapes.length !== count) throw new RangeError(`${name}: ${shapes.length} gradients for ${count}.`);
      return [{ shape: [1], dtype: 'float32' }];
    },
    cpu(inputs, _shapes, [out]) {
      inputs.forEach((g, i) => {
        let sum = 0;
        for (let j = 0; j < g.length; j++) sum += Math.fround(g[j] * g[j]);
        out[0] = i === 0 ? Math.fround(sum) : Math.fround(out[0] + Math.fround(sum));
      });
    },
    wasm(kernels, inputs, shapes, [out]) {
      inputs.forEach((g, i) => kernels.addSumOfSquares(g, tf.util.sizeFromShape(shapes[i]), out, i === 0 ? 0 : 1));
    },
  };
}

const specs = new Map<number, FusedKernelSpec<NoAttrs>>();

/** Sum of the squares of every element of `grads`, as a [1] tensor (0 for no gradients). */
export function labSumOfSquares(grads: readonly tf.Tensor[]): tf.Tensor1D {
  if (grads.length === 0) return tf.zeros([1]);
  let spec = specs.get(grads.length);
  if (!spec) {
    spec = sumOfSquaresSpec(grads.length);
    specs.set(grads.length, spec);
  }
  return runKernel(spec, [...grads], {})[0] as tf.Tensor1D;
}
