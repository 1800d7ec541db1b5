import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../backend/test-backends';
import { setFusedKernels } from './fused-switch';
import { createGpt, disposeGpt, gptConfig, lmLoss } from './gpt';
import { testValues } from './kernels/parity';

afterEach(() => setFusedKernels(true));
afterAll(async () => {
  await useBackend('cpu');
});

/** The LM loss of a nano model and its gradient for every parameter, with the fused kernels on or off. */
function lossAndGradients(fused: boolean): { loss: number; grads: Map<string, Float32Array> } {
  setFusedKernels(fused);
  const config = gptConfig('nano');
  const model = createGpt(config, 3);
  let result: { loss: number; grads: Map<string, Float32Array> } | undefined;
  try {
    tf.tidy(() => {
      // Two rows of 24 tokens, the second right-padded (padding targets get no loss).
      const ids = testValues(48, 11).map((v) => 2 + Math.floor(((v + 1) / 2) * (config.vocabSize - 2)));
      ids.fill(config.padId, 40);
      // Variables the LM loss does not reach (the classification heads) get no gradient.
      const { value, grads } = tf.variableGrads(() => lmLoss(config, model.params, tf.tensor2d(ids, [2, 24], 'int32')));
      const paramName = new Map([...model.params].map(([name, variable]) => [variable.name, name]));
      const byParam = Object.entries(grads).map(([variable, g]) => [paramName.get(variable)!, g.dataSync() as Float32Array] as const);
      result = { loss: value.dataSync()[0], grads: new Map(byParam) };
    });
  } finally {
    disposeGpt(model);
  }
  return result!;
}

describe.each<NodeBackend>(['cpu', 'wasm'])('a nano GPT\'s LM loss on %s', (backend) => {
  it('has the same loss and parameter gradients with the fused kernels on and off', async () => {
    await useBackend(backend);
    const on = lossAndGradients(true);
    const off = lossAndGradients(false);
    expect(Math.abs(on.loss - off.loss) / off.loss).toBeLessThan(1e-5);
    expect([...on.grads.keys()].sort()).toEqual([...off.grads.keys()].sort());
    expect(off.grads.has('h0.ln1.g') && off.grads.has('lnf.b') && off.grads.has('wte')).toBe(true);
    for (const [name, reference] of off.grads) {
      const got = on.grads.get(name)!;
      let scale = 0;
      let worst = 0;
      reference.forEach((r, i) => {
        scale = Math.max(scale, Math.abs(r));
        worst = Math.max(worst, Math.abs(got[i] - r));
      });
      expect(scale, name).toBeGreaterThan(0);
      expect(worst / scale, name).toBeLessThan(1e-5);
    }
  });
});
