import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { mergeHeads, splitHeads, type AttentionHeads } from './attention-heads';
import { checkParity, testValues } from './parity';

afterEach(() => breakFusedGradientForTests(null));

afterAll(async () => {
  await useBackend('cpu');
});

interface Layout {
  B: number;
  T: number;
  H: number;
  hd: number;
}

/** `small` (d 128, 4 heads, 16 x 64 rows), then sizes that are not multiples of 4. */
const LAYOUTS: Layout[] = [{ B: 16, T: 64, H: 4, hd: 32 }, { B: 3, T: 7, H: 3, hd: 5 }, { B: 2, T: 9, H: 2, hd: 6 }];

/** What gpt.ts's attention() builds from qkv without the fused kernels. */
function composedHeads(qkv: tf.Tensor, { B, T, H, hd }: Layout): AttentionHeads {
  const [q, k, v] = tf.split(qkv, 3, 1).map((t) => tf.reshape(t, [B, T, H, hd]));
  return {
    queries: tf.mul(tf.transpose(q, [0, 2, 1, 3]), 1 / Math.sqrt(hd)) as tf.Tensor4D,
    keysT: tf.transpose(k, [0, 2, 3, 1]) as tf.Tensor4D,
    values: tf.transpose(v, [0, 2, 1, 3]) as tf.Tensor4D,
  };
}

/** One output, or all three flattened side by side (so the gradient gets every part at once). */
type Pick = keyof AttentionHeads | 'all';
const picked = (heads: AttentionHeads, pick: Pick): tf.Tensor =>
  pick === 'all' ? tf.concat([heads.queries, heads.keysT, heads.values].map((t) => tf.reshape(t, [-1]))) : heads[pick];

const qkvCase = ({ B, T, H, hd }: Layout) => ({
  inputs: [{ values: testValues(B * T * 3 * H * hd, B + T + H + hd), shape: [B * T, 3 * H * hd] }],
  differentiable: [0],
});

const mixedCase = ({ B, T, H, hd }: Layout) => ({
  inputs: [{ values: testValues(B * H * T * hd, B * T + hd), shape: [B, H, T, hd] }],
  differentiable: [0],
});

const composedMerge = (mixed: tf.Tensor, { B, T, H, hd }: Layout) => tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B * T, H * hd]);

describe.each<NodeBackend>(['cpu', 'wasm'])('attention heads on %s', (backend) => {
  describe.each(LAYOUTS)('for B $B, T $T, H $H, hd $hd', (layout) => {
    it.each<Pick>(['all', 'queries', 'keysT', 'values'])('splitHeads equals the split-reshape-transpose composition (%s)', async (pick) => {
      await useBackend(backend);
      const result = checkParity(
        ([qkv]) => picked(splitHeads(qkv as tf.Tensor2D, layout.B, layout.T, layout.H), pick),
        ([qkv]) => picked(composedHeads(qkv, layout), pick),
        qkvCase(layout),
      );
      expect(result.valueError).toBe(0);
      expect(result.gradientError).toBe(0);
      expect(result.leakedTensors).toBe(0);
    });

    it('mergeHeads equals the transpose-reshape composition', async () => {
      await useBackend(backend);
      const result = checkParity(([mixed]) => mergeHeads(mixed as tf.Tensor4D), ([mixed]) => composedMerge(mixed, layout), mixedCase(layout));
      expect(result.valueError).toBe(0);
      expect(result.gradientError).toBe(0);
      expect(result.leakedTensors).toBe(0);
    });
  });

  it('has both gradients checked: a broken gradient is noticed', async () => {
    await useBackend(backend);
    const layout = LAYOUTS[1];
    breakFusedGradientForTests('splitHeads');
    const split = checkParity(
      ([qkv]) => picked(splitHeads(qkv as tf.Tensor2D, layout.B, layout.T, layout.H), 'all'),
      ([qkv]) => picked(composedHeads(qkv, layout), 'all'),
      qkvCase(layout),
    );
    expect(split.gradientError).toBeGreaterThan(0.1);
    breakFusedGradientForTests(null);
    breakFusedGradientForTests('mergeHeads');
    const merge = checkParity(([mixed]) => mergeHeads(mixed as tf.Tensor4D), ([mixed]) => composedMerge(mixed, layout), mixedCase(layout));
    expect(merge.gradientError).toBeGreaterThan(0.1);
  });

  it('names what is wrong with a bad shape', async () => {
    await useBackend(backend);
    expect(() => splitHeads(tf.zeros([6, 10]) as tf.Tensor2D, 2, 3, 4)).toThrow(/splitHeads: qkv's 10 columns are not 3 x 4 heads/);
    expect(() => splitHeads(tf.zeros([10, 12]) as tf.Tensor2D, 2, 3, 2)).toThrow(/LabSplitHeads: qkv must be \[6, 12\] for B 2, T 3, H 2, hd 2, got \[10,12\]/);
    expect(() => mergeHeads(tf.zeros([2, 3, 4]) as unknown as tf.Tensor4D)).toThrow(/mergeHeads: mixed must be \[B,H,T,hd\], got \[2,3,4\]/);
  });
});
