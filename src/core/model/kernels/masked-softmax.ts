// Attention's softmax over the keys with the causal and padding mask built inside the kernel from the
// ids (what gpt.ts's attentionBias adds, -1e9 per masked reason, in float32), instead of materialising
// the [B, 1, T, T] bias and adding it. Forward keeps only the probabilities; backward is one kernel.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';

type Save = (tensors: tf.Tensor[]) => void;

const MASKED = -1e9;

const MASKED_SOFTMAX: FusedKernelSpec<{ padId: number }> = {
  name: 'LabMaskedSoftmax',
  inputs: ['scores', 'ids'],
  outputs([scores, ids]) {
    if (scores.length !== 4 || scores[2] !== scores[3]) throw new RangeError(`LabMaskedSoftmax: scores must be [batch, heads, T, T], got [${scores}].`);
    if (ids.length !== 2 || ids[0] !== scores[0] || ids[1] !== scores[3]) throw new RangeError(`LabMaskedSoftmax: ids [${ids}] do not match scores [${scores}].`);
    return [{ shape: scores, dtype: 'float32' }];
  },
  cpu([scores, ids], [[batch, heads, len]], [out], { padId }) {
    const row = new Float64Array(len);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < heads; h++) {
        for (let q = 0; q < len; q++) {
          const at = ((b * heads + h) * len + q) * len;
          let max = -Infinity;
          for (let k = 0; k < len; k++) {
            const bias = (k > q ? MASKED : 0) + (ids[b * len + k] === padId ? MASKED : 0);
            row[k] = Math.fround(scores[at + k] + bias);
            max = Math.max(max, row[k]);
          }
          let sum = 0;
          for (let k = 0; k < len; k++) {
            row[k] = Math.exp(row[k] - max);
            sum += row[k];
          }
          for (let k = 0; k < len; k++) out[at + k] = row[k] / sum;
        }
      }
    }
  },
  wasm(kernels, [scores, ids], [[batch, heads, len]], [out], { padId }) {
    kernels.maskedSoftmax(scores, ids, batch, heads, len, padId, out);
  },
};

const SOFTMAX_GRAD: FusedKernelSpec<Record<string, never>> = {
  name: 'LabSoftmaxGrad',
  inputs: ['p', 'dy'],
  outputs([p, dy]) {
    if (p.length < 1 || !tf.util.arraysEqual(p, dy)) throw new RangeError(`LabSoftmaxGrad: dy [${dy}] does not match p [${p}].`);
    return [{ shape: p, dtype: 'float32' }];
  },
  cpu([p, dy], [shape], [ds]) {
    const cols = shape[shape.length - 1];
    for (let at = 0; at < p.length; at += cols) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += dy[at + c] * p[at + c];
      for (let c = 0; c < cols; c++) ds[at + c] = p[at + c] * (dy[at + c] - dot);
    }
  },
  wasm(kernels, [p, dy], [shape], [ds]) {
    const cols = shape[shape.length - 1];
    kernels.softmaxGrad(p, dy, cols === 0 ? 0 : tf.util.sizeFromShape(shape) / cols, cols, ds);
  },
};

/**
 * softmax(scores + mask) over the keys for scores [B, H, T, T], the mask from ids [B, T]: -1e9 on
 * keys after the query and -1e9 on keys whose id is padId (as gpt.ts's attentionBias).
 */
export function maskedSoftmax(scores: tf.Tensor4D, ids: tf.Tensor2D, padId: number): tf.Tensor4D {
  const keyIds = tf.cast(ids, 'int32');
  const softmax = tf.customGrad(((s: tf.Tensor4D, save: Save) => {
    const probs = runKernel(MASKED_SOFTMAX, [s, keyIds], { padId })[0];
    save([probs]);
    return {
      value: probs,
      gradFunc: (dy: tf.Tensor4D, [p]: tf.Tensor[]) => checkedGradient('maskedSoftmax', runKernel(SOFTMAX_GRAD, [p, dy], {})[0]),
    };
  }) as never) as unknown as (s: tf.Tensor4D) => tf.Tensor4D;
  return softmax(scores);
}
