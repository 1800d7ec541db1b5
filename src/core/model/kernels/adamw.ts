// The AdamW update of one parameter, clipping included, in one pass over param, m, v and the gradient:
// the same float32 operations, in the same order, as training/step/clip.ts and adamw.ts (and webgpu's
// fused-adamw.ts). It returns new tensors and leaves the variables' memory alone: the caller assigns
// them (tfjs-wasm's XNNPACK caches packed weights by tensor, so writing a weight in place would leave
// a stale copy there).
import type * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import type { AdamWStepNumbers, GpuClipping } from '../webgpu/fused-adamw';
import { runKernel, type FusedKernelSpec } from './define-kernel';

interface AdamWAttrs {
  beta1: number;
  oneMinusBeta1: number;
  beta2: number;
  oneMinusBeta2: number;
  epsilon: number;
  sqrtCorrection2: number;
  /** 1 when the parameter does not decay (a product by 1 is exact). */
  decay: number;
  stepSize: number;
  maxNorm: number;
  /** 1: scale the gradient by maxNorm / max(norm, maxNorm); 0: no clipping. */
  clip: number;
}

const f = Math.fround;

const ADAMW: FusedKernelSpec<AdamWAttrs> = {
  name: 'LabAdamW',
  inputs: ['param', 'm', 'v', 'grad', 'sumSq'],
  outputs([param, m, v, grad, sumSq]) {
    const same = (name: string, shape: number[]) => {
      if (shape.length !== param.length || shape.some((d, i) => d !== param[i])) {
        throw new RangeError(`LabAdamW: ${name} has shape [${shape}], the parameter [${param}].`);
      }
    };
    same('m', m);
    same('v', v);
    same('grad', grad);
    if (sumSq.length !== 1 || sumSq[0] !== 1) throw new RangeError(`LabAdamW: sumSq must be [1], got [${sumSq}].`);
    return [param, m, v].map((shape) => ({ shape, dtype: 'float32' as const }));
  },
  cpu([param, m, v, grad, sumSq], _shapes, [outParam, outM, outV], a) {
    const [beta1, oneMinusBeta1, beta2, oneMinusBeta2] = [f(a.beta1), f(a.oneMinusBeta1), f(a.beta2), f(a.oneMinusBeta2)];
    const [epsilon, correction, decay, stepSize, maxNorm] = [f(a.epsilon), f(a.sqrtCorrection2), f(a.decay), f(a.stepSize), f(a.maxNorm)];
    const scale = a.clip ? f(maxNorm / Math.max(f(Math.sqrt(sumSq[0])), maxNorm)) : 1;
    for (let i = 0; i < param.length; i++) {
      const g = f(grad[i] * scale);
      const nextM = f(f(m[i] * beta1) + f(g * oneMinusBeta1));
      const nextV = f(f(v[i] * beta2) + f(f(g * g) * oneMinusBeta2));
      const denominator = f(f(f(Math.sqrt(nextV)) / correction) + epsilon);
      outParam[i] = f(param[i] * decay) - f(f(nextM / denominator) * stepSize);
      outM[i] = nextM;
      outV[i] = nextV;
    }
  },
  wasm(kernels, [param, m, v, grad, sumSq], [shape], [outParam, outM, outV], a) {
    kernels.adamW(param, m, v, grad, sumSq, shape.reduce((a, b) => a * b, 1), outParam, outM, outV,
      a.beta1, a.oneMinusBeta1, a.beta2, a.oneMinusBeta2, a.epsilon, a.sqrtCorrection2, a.decay, a.stepSize, a.maxNorm, a.clip);
  },
};

/** The parameter's next value and moments (webgpu's adamWStep on cpu and wasm); the caller assigns them. */
export function labAdamWStep(param: tf.Tensor, m: tf.Tensor, v: tf.Tensor, grad: tf.Tensor, clipping: GpuClipping, numbers: AdamWStepNumbers): { param: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const clip = Number.isFinite(clipping.maxNorm);
  const [nextParam, nextM, nextV] = runKernel(ADAMW, [param, m, v, checkedGradient('adamW', grad), clipping.sumOfSquares], {
    beta1: numbers.beta1,
    oneMinusBeta1: 1 - numbers.beta1,
    beta2: numbers.beta2,
    oneMinusBeta2: 1 - numbers.beta2,
    epsilon: numbers.epsilon,
    sqrtCorrection2: numbers.sqrtCorrection2,
    decay: numbers.decay ?? 1,
    stepSize: numbers.stepSize,
    maxNorm: clip ? clipping.maxNorm : 1,
    clip: clip ? 1 : 0,
  });
  return { param: nextParam, m: nextM, v: nextV };
}
