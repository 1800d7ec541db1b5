// The model's attention block on the lab's cpu/wasm kernels (head layout, transposes) against the tfjs
// composition: one `small` block, forward and the gradients of every parameter.
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../backend/test-backends';
import { breakFusedGradientForTests } from './broken-gradients';
import { FUSED_KERNELS_BY_DEFAULT, fusedCpuKernels, setFusedKernels } from './fused-switch';
import { createGpt, disposeGpt, gptConfig, hiddenStates } from './gpt';
import { testValues } from './kernels/parity';

afterEach(() => {
  setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  breakFusedGradientForTests(null);
});

afterAll(async () => {
  await useBackend('cpu');
});

const B = 16;
const T = 64;

/** Token ids [B, T] with rows right-padded (padId 0) to different lengths. */
function paddedIds(vocabSize: number): tf.Tensor2D {
  const ids = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    const length = T - 3 * b;
    for (let t = 0; t < length; t++) ids[b * T + t] = 2 + ((b * 131 + t * 17) % (vocabSize - 2));
  }
  return tf.tensor2d(ids, [B, T], 'int32');
}

function maxRelativeError(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(got[i] - expected[i]));
  }
  return worst / Math.max(scale, 1e-30);
}

/** Hidden states, loss and the gradient of every backbone parameter of one `small` block, with the fused kernels on or off. */
function runBlock(fused: boolean) {
  setFusedKernels(fused);
  expect(fusedCpuKernels()).toBe(fused);
  const config = gptConfig('small', { nLayers: 1 });
  const model = createGpt(config, 'fused-attention');
  const names = [...model.params.keys()].filter((name) => !name.startsWith('classifier.') && !name.startsWith('pairs.'));
  try {
    return tf.tidy(() => {
      const ids = paddedIds(config.vocabSize);
      const weights = tf.tensor(testValues(B * T * config.dModel, 3), [B, T, config.dModel]);
      let hidden = new Float32Array(0);
      const loss = (...params: tf.Tensor[]) => {
        const states = hiddenStates(config, new Map(names.map((name, i) => [name, params[i]])), ids);
        hidden = Float32Array.from(states.dataSync());
        return tf.sum(tf.mul(states, weights)) as tf.Scalar;
      };
      const { value, grads } = tf.valueAndGrads(loss)(names.map((name) => model.params.get(name)!));
      return { names, hidden, loss: value.dataSync()[0], grads: grads.map((g) => Float32Array.from(g.dataSync())) };
    });
  } finally {
    disposeGpt(model);
  }
}

describe.each<NodeBackend>(['cpu', 'wasm'])('a small attention block on %s', (backend) => {
  it('gives the composition\'s hidden states and parameter gradients within 1e-5 relative with the fused kernels', async () => {
    await useBackend(backend);
    const before = tf.memory().numTensors;
    const fused = runBlock(true);
    const composed = runBlock(false);
    expect(tf.memory().numTensors).toBe(before);
    expect(maxRelativeError(fused.hidden, composed.hidden)).toBeLessThan(1e-5);
    expect(Math.abs(fused.loss - composed.loss) / Math.abs(composed.loss)).toBeLessThan(1e-5);
    fused.names.forEach((name, i) => expect(maxRelativeError(fused.grads[i], composed.grads[i]), name).toBeLessThan(1e-5));
  });
});

describe('the attention block comparison', () => {
  it('notices a broken head-layout gradient', async () => {
    await useBackend('wasm');
    breakFusedGradientForTests('splitHeads');
    const fused = runBlock(true);
    const composed = runBlock(false);
    const qkv = fused.names.indexOf('h0.attn.qkv.w');
    expect(maxRelativeError(fused.grads[qkv], composed.grads[qkv])).toBeGreaterThan(0.1);
  });
});
