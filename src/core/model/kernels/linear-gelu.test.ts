import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { gelu } from '../gpt';
import { linear } from '../ops';
import { biasGelu, linearGelu } from './linear-gelu';
import { checkParity, testValues, type ParityCase } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});

afterEach(() => breakFusedGradientForTests(null));

function linearGeluCase(rows: number, inputs: number, outputs: number): ParityCase {
  return {
    inputs: [
      { values: testValues(rows * inputs, rows + 1, 2), shape: [rows, inputs] },
      { values: testValues(inputs * outputs, inputs + 2, 0.3), shape: [inputs, outputs] },
      { values: testValues(outputs, outputs + 3, 0.5), shape: [outputs] },
    ],
    differentiable: [0, 1, 2],
  };
}

const fused = ([x, w, b]: tf.Tensor[]) => linearGelu(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D);
const composition = ([x, w, b]: tf.Tensor[]) => gelu(linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D));

describe.each<NodeBackend>(['cpu', 'wasm'])('linearGelu on %s', (backend) => {
  it("equals gpt.ts's gelu of the linear layer, values and gradients, on small's MLP shape and an odd one", async () => {
    await useBackend(backend);
    for (const [rows, inputs, outputs] of [[1024, 128, 512], [7, 5, 13]]) {
      const result = checkParity(fused, composition, linearGeluCase(rows, inputs, outputs));
      expect(result.valueError, `[${rows}, ${inputs}] @ [${inputs}, ${outputs}]`).toBeLessThan(1e-5);
      expect(result.gradientError, `[${rows}, ${inputs}] @ [${inputs}, ${outputs}]`).toBeLessThan(1e-5);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it('is noticed by the parity check when its gradient is broken', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('linearGelu');
    const result = checkParity(fused, composition, linearGeluCase(7, 5, 13));
    expect(result.gradientError).toBeGreaterThan(0.1);
  });

  it('refuses a bias that does not match, and factors that do not multiply', async () => {
    await useBackend(backend);
    expect(() => biasGelu(tf.zeros([2, 3]) as tf.Tensor2D, tf.zeros([4]) as tf.Tensor1D)).toThrow(/LabBiasGelu: bias \[4\] does not match h \[2,3\]/);
    expect(() => linearGelu(tf.zeros([2, 3]) as tf.Tensor2D, tf.zeros([4, 5]) as tf.Tensor2D, tf.zeros([5]) as tf.Tensor1D)).toThrow(/linearGelu: shapes \[2,3\] and \[4,5\] do not multiply/);
  });
});
