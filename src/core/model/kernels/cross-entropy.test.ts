import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { setFusedKernels } from '../fused-switch';
import { tokenCrossEntropy } from '../ops';
import { kernelTokenCrossEntropy } from './cross-entropy';
import { checkParity, testValues, type ParityCase } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});

function composition([logits, targets]: tf.Tensor[]): tf.Tensor {
  setFusedKernels(false);
  try {
    return tokenCrossEntropy(logits as tf.Tensor2D, targets as tf.Tensor1D);
  } finally {
    setFusedKernels(true);
  }
}

const fused = ([logits, targets]: tf.Tensor[]) => kernelTokenCrossEntropy(logits as tf.Tensor2D, targets as tf.Tensor1D);

function crossEntropyCase(rows: number, vocabulary: number, scale: number): ParityCase {
  const targets = testValues(rows, vocabulary).map((v) => Math.floor(((v + 1) / 2) * vocabulary));
  targets[0] = 0; // the padding id, which the LM loss also feeds in
  return {
    inputs: [
      { values: testValues(rows * vocabulary, rows, scale), shape: [rows, vocabulary] },
      { values: targets, shape: [rows], dtype: 'int32' },
    ],
    differentiable: [0],
  };
}

describe.each<NodeBackend>(['cpu', 'wasm'])('the cross-entropy kernels on %s', (backend) => {
  it('equal the composition of ops.ts, loss and gradient of the logits', async () => {
    await useBackend(backend);
    // The LM logits of `small` (16 x 64 rows, vocabulary 2048), odd shapes, and large logits.
    for (const [rows, vocabulary, scale] of [[1024, 2048, 4], [7, 13, 4], [3, 1, 1], [5, 6, 40]]) {
      const result = checkParity(fused, composition, crossEntropyCase(rows, vocabulary, scale));
      expect(result.valueError, `[${rows}, ${vocabulary}] x ${scale}`).toBeLessThan(1e-5 * Math.max(1, scale));
      expect(result.gradientError, `[${rows}, ${vocabulary}] x ${scale}`).toBeLessThan(1e-5);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it('has a gradient check that notices a broken gradient', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('crossEntropy');
    try {
      expect(checkParity(fused, composition, crossEntropyCase(7, 13, 4)).gradientError).toBeGreaterThan(0.1);
    } finally {
      breakFusedGradientForTests(null);
    }
  });

  it('gives NaN, not another row\'s number, for a target outside the vocabulary', async () => {
    await useBackend(backend);
    const [loss, grad] = tf.tidy(() => {
      const logits = tf.tensor2d(testValues(2 * 5, 1), [2, 5]);
      const targets = tf.tensor1d([5, 2], 'int32');
      const { value, grads } = tf.valueAndGrads((z: tf.Tensor) => tf.sum(kernelTokenCrossEntropy(z as tf.Tensor2D, targets)))([logits]);
      return [kernelTokenCrossEntropy(logits, targets).dataSync(), grads[0].dataSync(), value];
    });
    expect(Number.isNaN(loss[0])).toBe(true);
    expect(Number.isFinite(loss[1])).toBe(true);
    expect(Array.from(grad.slice(0, 5)).every(Number.isNaN)).toBe(true);
    expect(Array.from(grad.slice(5)).every(Number.isFinite)).toBe(true);
  });

  it('refuses targets that do not match the rows and logits that are not a matrix', async () => {
    await useBackend(backend);
    tf.tidy(() => {
      expect(() => kernelTokenCrossEntropy(tf.zeros([2, 4]), tf.tensor1d([0, 1, 2], 'int32'))).toThrow(/LabCrossEntropy: targets must be \[2\], got \[3\]/);
      expect(() => kernelTokenCrossEntropy(tf.zeros([2]) as unknown as tf.Tensor2D, tf.tensor1d([0, 1], 'int32'))).toThrow(/LabCrossEntropy: logits must be \[rows, vocabulary\], got \[2\]/);
    });
  });
});
