import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../broken-gradients';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from '../fused-switch';
import { embeddingLookup } from '../ops';
import { gatherRows } from './embedding-rows';
import { checkParity, testValues } from './parity';

afterAll(async () => {
  await useBackend('cpu');
});
afterEach(() => breakFusedGradientForTests(null));

/** ops.ts's embedding lookup with the lab kernels off: tf.gather, gradient by ScatterNd. */
function composition(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  setFusedKernels(false);
  try {
    return embeddingLookup(table, ids);
  } finally {
    setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  }
}

function idsFor(n: number, rows: number, seed: number): number[] {
  return testValues(n, seed).map((u) => Math.floor(((u + 1) / 2) * rows) % rows);
}

describe.each<NodeBackend>(['cpu', 'wasm'])('gatherRows on %s', (backend) => {
  const cases = [
    { rows: 2048, width: 128, n: 1024 }, // `small`'s token table and an LM batch (ids repeat)
    { rows: 7, width: 13, n: 40 }, // widths that are not multiples of 4, every id repeated
  ];

  it.each(cases)('equals tf.gather with a ScatterNd gradient: $rows x $width, $n ids', async ({ rows, width, n }) => {
    await useBackend(backend);
    const testCase = {
      inputs: [{ values: testValues(rows * width, rows), shape: [rows, width] }, { values: idsFor(n, rows, n), shape: [n], dtype: 'int32' as const }],
      differentiable: [0],
    };
    const run = (op: typeof gatherRows) => ([table, ids]: tf.Tensor[]) => op(table as tf.Tensor2D, ids as tf.Tensor1D);
    const result = checkParity(run(gatherRows), run(composition), testCase);
    expect(result.valueError).toBe(0);
    expect(result.gradientError).toBeLessThan(1e-6);
    expect(result.leakedTensors).toBe(0);
    breakFusedGradientForTests('embedding');
    expect(checkParity(run(gatherRows), run(composition), testCase).gradientError).toBeGreaterThan(0.1);
  });

  it('names the position of an id outside the table', async () => {
    await useBackend(backend);
    const table = tf.zeros([5, 4]) as tf.Tensor2D;
    expect(() => gatherRows(table, tf.tensor1d([0, 4, 5, 1], 'int32'))).toThrow(/LabGatherRows: the id at position 2 is outside the table's 5 rows/);
    expect(() => tf.grad((t: tf.Tensor) => gatherRows(t as tf.Tensor2D, tf.tensor1d([-1], 'int32')))(table)).toThrow(/the id at position 0 is outside/);
    tf.dispose(table);
  });
});
