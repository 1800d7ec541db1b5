// kNN OOD search benchmark: 10,000 pool rows against 6,000 ID train rows, d = 128, k = 50,
// on the Node backends (cpu, wasm). Each setting: one warm-up block, then the median of 3 full runs.
// Run: npm run bench:knn   (prints markdown tables)
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { createNodeLabEngine } from '../src/engine/node-engine';
import { fitKnn } from '../src/core/ood/knn';
import { fitMahalanobis } from '../src/core/ood/mahalanobis';
import { knnDistancesExact } from '../src/core/ood/knn-exact';
import { l2NormalizeRows, type Matrix } from '../src/core/ood/matrix';
import { randomFeatures } from '../src/core/ood/synthetic';

const POOL = 10_000;
const TRAIN = 6_000;
const DIMS = 128;
const K = 50;
const RUNS = 3;
const EXACT_QUERIES = 500;
const SETTINGS: { backend: 'cpu' | 'wasm'; blockRows: number }[] = [
  { backend: 'cpu', blockRows: 1024 },
  { backend: 'wasm', blockRows: 512 },
  { backend: 'wasm', blockRows: 1024 },
  { backend: 'wasm', blockRows: 2048 },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function firstRows(matrix: Matrix, rows: number): Matrix {
  return { data: matrix.data.subarray(0, rows * matrix.cols), rows, cols: matrix.cols };
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** matMul and topk of one query block, timed apart (each read back before the clock stops). */
async function blockBreakdown(train: Matrix, queries: Matrix, blockRows: number): Promise<{ matMul: number; topk: number }> {
  const trainByColumn = tf.tidy(() => tf.transpose(tf.tensor2d(l2NormalizeRows(train).data, [train.rows, train.cols])));
  const block = tf.tensor2d(l2NormalizeRows(firstRows(queries, blockRows)).data, [blockRows, queries.cols]);
  const matMulTimes: number[] = [];
  const topkTimes: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    // cpu and wasm compute when the op is called, webgpu when the data is read: time both together.
    const product = await timed(async () => {
      const result = tf.matMul(block, trainByColumn);
      await result.data();
      return result;
    });
    const similarities = product.value;
    const top = await timed(async () => {
      const result = tf.topk(similarities, K, true);
      await result.values.data();
      return result;
    });
    const { values, indices } = top.value;
    if (run > 0) {
      matMulTimes.push(product.ms);
      topkTimes.push(top.ms);
    }
    tf.dispose([similarities, values, indices]);
  }
  tf.dispose([trainByColumn, block]);
  return { matMul: median(matMulTimes), topk: median(topkTimes) };
}

const train = randomFeatures(TRAIN, DIMS, 'bench:knn:train');
const pool = randomFeatures(POOL, DIMS, 'bench:knn:pool');
const detector = fitKnn(train, { k: K });
const oracle = detector.scoreExact(firstRows(pool, 200));
const engine = createNodeLabEngine();
const loadBefore = os.loadavg();

const rows: string[] = [];
const breakdownRows: string[] = [];
for (const { backend, blockRows } of SETTINGS) {
  const info = await engine.init({ backend });
  await detector.score(firstRows(pool, blockRows), { method: 'tf', blockRows });
  const runs: { value: Float64Array; ms: number }[] = [];
  for (let run = 0; run < RUNS; run++) runs.push(await timed(() => detector.score(pool, { method: 'tf', blockRows })));
  const ms = median(runs.map((run) => run.ms));
  let maxDiff = 0;
  oracle.forEach((score, i) => (maxDiff = Math.max(maxDiff, Math.abs(score - runs[0].value[i]))));
  rows.push(
    `| ${info.backend} | ${blockRows} | ${(ms / 1000).toFixed(2)} s | ${(Math.min(...runs.map((r) => r.ms)) / 1000).toFixed(2)}-${(Math.max(...runs.map((r) => r.ms)) / 1000).toFixed(2)} s ` +
      `| ${Math.round(POOL / (ms / 1000)).toLocaleString('en-US')} | ${maxDiff.toExponential(1)} | ${tf.memory().numTensors} |`,
  );
  if (blockRows === 1024) {
    const parts = await blockBreakdown(train, pool, blockRows);
    breakdownRows.push(`| ${info.backend} | ${parts.matMul.toFixed(0)} ms | ${parts.topk.toFixed(0)} ms |`);
  }
}

// The pure TypeScript path (the test oracle), on a slice, scaled to the full pool.
const exactQueries = firstRows(pool, EXACT_QUERIES);
const unitTrain = l2NormalizeRows(train);
knnDistancesExact(unitTrain, l2NormalizeRows(firstRows(pool, 50)), K);
const exactMs = median(await Promise.all([0, 1, 2].map(async () => (await timed(() => knnDistancesExact(unitTrain, l2NormalizeRows(exactQueries), K))).ms)));
// Mahalanobis on the same sizes (pure TypeScript float64, no backend): fit on train with 3 labels, score the pool.
const trainLabels = Int32Array.from({ length: TRAIN }, (_, i) => i % 3);
const mahalanobisFits = await Promise.all([0, 1, 2].map(async () => timed(() => fitMahalanobis(train, trainLabels))));
const mahalanobisScores = await Promise.all([0, 1, 2].map(async () => (await timed(() => mahalanobisFits[0].value.score(pool))).ms));
const loadAfter = os.loadavg();

console.log(`## kNN search: ${POOL.toLocaleString('en-US')} pool x ${TRAIN.toLocaleString('en-US')} train, d = ${DIMS}, k = ${K}\n`);
console.log(`Node ${process.version}, tfjs ${tf.version.tfjs}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} logical cores, ` +
  `load average ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after.\n`);
console.log('| backend | block rows | median of 3 | range | queries/s | max abs diff vs pure TS (200 queries) | tensors after |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`| pure TypeScript (${EXACT_QUERIES} queries, scaled x${POOL / EXACT_QUERIES}) | - | ${((exactMs * POOL) / EXACT_QUERIES / 1000).toFixed(2)} s | - | ${Math.round(EXACT_QUERIES / (exactMs / 1000)).toLocaleString('en-US')} | 0 (oracle) | - |`);
console.log('\nOne block of 1,024 queries (median of 3 after a warm-up):\n');
console.log('| backend | matMul 1024 x 128 x 6000 | topk k = 50 over 6000 |');
console.log('|---|---|---|');
for (const row of breakdownRows) console.log(row);
console.log('\nMahalanobis (pure TypeScript, float64, Ledoit-Wolf shrinkage), same sizes, median of 3:\n');
console.log('| fit on 6,000 x 128 (3 classes) | score 10,000 x 128 | shrinkage |');
console.log('|---|---|---|');
console.log(`| ${median(mahalanobisFits.map((run) => run.ms)).toFixed(0)} ms | ${median(mahalanobisScores).toFixed(0)} ms | ${mahalanobisFits[0].value.shrinkage.toFixed(4)} |`);
