// matMul checks and timings: the smallest real workload that tells whether a backend computes
// correctly and how fast it is.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../core/random';
import type { MatMulCheckResult, MatMulTiming } from './types';

function randomMatrix(n: number, seed: number | string): Float32Array {
  const rng = createRng(seed);
  const values = new Float32Array(n * n);
  for (let i = 0; i < values.length; i++) values[i] = rng.normal();
  return values;
}

async function timedProduct(a: Float32Array, b: Float32Array, n: number): Promise<{ values: Float32Array; ms: number }> {
  const start = performance.now();
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])));
  try {
    const values = (await product.data()) as Float32Array;
    return { values, ms: performance.now() - start };
  } finally {
    product.dispose();
  }
}

/** Compiled WebGPU pipelines so far, or null on other backends. */
function gpuPipelineCount(): number | null {
  const cache = (tf.backend() as unknown as { pipelineCache?: Record<string, unknown> }).pipelineCache;
  return tf.getBackend() === 'webgpu' && cache ? Object.keys(cache).length : null;
}

export async function checkMatMul(n: number, seed: number): Promise<MatMulCheckResult> {
  const a = randomMatrix(n, `${seed}:a`);
  const b = randomMatrix(n, `${seed}:b`);
  const backend = tf.getBackend();
  const active = await timedProduct(a, b, n);
  const gpuPipelines = gpuPipelineCount();
  let reference: { values: Float32Array; ms: number };
  try {
    await tf.setBackend('cpu');
    reference = await timedProduct(a, b, n);
  } finally {
    await tf.setBackend(backend);
  }
  let maxAbsDiff = 0;
  for (let i = 0; i < active.values.length; i++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(active.values[i] - reference.values[i]));
  }
  return { backend, n, maxAbsDiff, ms: active.ms, cpuMs: reference.ms, gpuPipelines };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Times one size: a warm-up run (shader compilation, allocations), then `repeats` timed runs. */
export async function timeMatMul(n: number, repeats: number, betweenRuns: () => Promise<void>): Promise<MatMulTiming> {
  const a = tf.tensor2d(randomMatrix(n, `bench:${n}:a`), [n, n]);
  const b = tf.tensor2d(randomMatrix(n, `bench:${n}:b`), [n, n]);
  const runOnce = async () => {
    const start = performance.now();
    const product = tf.matMul(a, b);
    await product.data();
    product.dispose();
    return performance.now() - start;
  };
  try {
    await runOnce();
    const runsMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await betweenRuns();
      runsMs.push(await runOnce());
    }
    const medianMs = median(runsMs);
    return { n, medianMs, runsMs, gflops: (2 * n ** 3) / (medianMs * 1e6) };
  } finally {
    a.dispose();
    b.dispose();
  }
}
