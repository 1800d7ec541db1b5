import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { linearProduct, matMulFlags, product } from './matmul';
import { checkParity, testValues } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});
afterEach(() => breakFusedGradientForTests(null));

const FLAGS = [[false, false], [true, false], [false, true], [true, true]] as const;

/** Stored shape of an operand whose op() is [rows, cols]. */
const stored = (rows: number, cols: number, transposed: boolean, batch?: number) => [...(batch ? [batch] : []), ...(transposed ? [cols, rows] : [rows, cols])];

describe.each<NodeBackend>(['cpu', 'wasm'])('the matrix product kernel on %s', (backend) => {
  it.each(FLAGS)('equals tf.matMul with transposeA %s, transposeB %s: values and gradients, 2-D and batched, odd sizes', async (transposeA, transposeB) => {
    await useBackend(backend);
    for (const [M, K, N, batch] of [[9, 13, 11, 0], [5, 3, 17, 3], [1, 1, 1, 0], [16, 8, 8, 2]]) {
      const testCase = {
        inputs: [
          { values: testValues(M * K * (batch || 1), M + K), shape: stored(M, K, transposeA, batch || undefined) },
          { values: testValues(K * N * (batch || 1), K + N), shape: stored(K, N, transposeB, batch || undefined) },
        ],
        differentiable: [0, 1],
      };
      const flags = { transposeA, transposeB };
      const result = checkParity(([a, b]) => matMulFlags(a, b, flags), ([a, b]) => tf.matMul(a, b, transposeA, transposeB), testCase);
      expect(result.valueError, `[${M},${K}]x[${K},${N}] batch ${batch}`).toBeLessThan(1e-5);
      expect(result.gradientError).toBeLessThan(1e-5);
      expect(result.leakedTensors).toBe(0);
    }
  });

  it("matches on `small`'s shapes: the MLP product, its weight gradient and the tied LM head", async () => {
    await useBackend(backend);
    for (const [a, b, flags] of [
      [[256, 128], [128, 512], { transposeA: false, transposeB: false }],
      [[256, 128], [256, 512], { transposeA: true, transposeB: false }],
      [[256, 128], [2048, 128], { transposeA: false, transposeB: true }],
    ] as const) {
      const x = tf.tensor(testValues(a[0] * a[1], 3), [...a]);
      const y = tf.tensor(testValues(b[0] * b[1], 4), [...b]);
      const got = product(x, y, flags).dataSync();
      const want = tf.matMul(x, y, flags.transposeA, flags.transposeB).dataSync();
      let worst = 0;
      got.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - want[i])); });
      expect(worst).toBeLessThan(2e-5);
      tf.dispose([x, y]);
    }
  });

  it('adds a bias inside the linear product, with the bias gradient as column sums', async () => {
    await useBackend(backend);
    const testCase = {
      inputs: [{ values: testValues(37 * 10, 1), shape: [37, 10] }, { values: testValues(10 * 13, 2), shape: [10, 13] }, { values: testValues(13, 3), shape: [13] }],
      differentiable: [0, 1, 2],
    };
    const fused = ([x, w, b]: tf.Tensor[]) => linearProduct(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D);
    const composition = ([x, w, b]: tf.Tensor[]) => tf.add(tf.matMul(x, w), b);
    const result = checkParity(fused, composition, testCase);
    expect(result.valueError).toBeLessThan(1e-5);
    expect(result.gradientError).toBeLessThan(1e-5);
    expect(result.leakedTensors).toBe(0);
    breakFusedGradientForTests('linear');
    expect(checkParity(fused, composition, testCase).gradientError).toBeGreaterThan(0.1);
  });

  it('notices a broken gradient', async () => {
    await useBackend(backend);
    breakFusedGradientForTests('matMul');
    const testCase = { inputs: [{ values: testValues(12, 1), shape: [3, 4] }, { values: testValues(20, 2), shape: [4, 5] }], differentiable: [0, 1] };
    const result = checkParity(([a, b]) => matMulFlags(a, b, { transposeA: false, transposeB: false }), ([a, b]) => tf.matMul(a, b), testCase);
    expect(result.gradientError).toBeGreaterThan(0.1);
  });

  it('names operands that do not multiply', async () => {
    await useBackend(backend);
    const a = tf.zeros([3, 4]);
    const b = tf.zeros([5, 6]);
    expect(() => product(a, b, { transposeA: false, transposeB: false })).toThrow(/LabMatMul: \[3,4\] and \[5,6\] do not multiply/);
    expect(() => product(tf.zeros([2, 3, 4]), tf.zeros([3, 4, 5]), { transposeA: false, transposeB: false })).toThrow(/same B/);
    expect(() => product(a, tf.zeros([4, 2]), { transposeA: false, transposeB: false }, tf.zeros([3]) as tf.Tensor1D)).toThrow(/bias \[3\] does not match 2 output columns/);
    tf.dispose([a, b]);
  });
});
