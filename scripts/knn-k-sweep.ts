// The kNN detector's k chosen without a test split: pooled features of the shipped model for all ID
// train rows (the fit set), ID val and a seeded sample of the pool; for each k, how well the k-th
// neighbour distance separates ID val (in-distribution) from the pool rows that carry a shift tag.
// The pool's tags are the generator's knowledge (a real pool has none), so this is a check for
// built-in data; no test split is read. Mahalanobis is printed beside it for reference.
//
//   npx tsx scripts/knn-k-sweep.ts --data DIR [--preset small] [--pool-rows 3000] [--seed 1]
import { parseArgs } from 'node:util';
import { useBackend } from '../src/core/backend/test-backends';
import { sampleExamples } from '../src/core/pipeline/data';
import { inferExamples, pooledMatrix, withModel } from '../src/core/pipeline/model-io';
import { openShippedFolder, SHIPPED_MODELS_DIR } from '../src/core/pipeline/shipped/node-folder';
import { readPipelineData } from '../src/engine/node-host-files';
import { fitKnn } from '../src/core/ood/knn';
import { fitMahalanobis } from '../src/core/ood/mahalanobis';
import { oodDetectionMetrics } from '../src/core/metrics/ood-detection';
import type { Matrix } from '../src/core/ood/matrix';

const { values } = parseArgs({
  options: { data: { type: 'string' }, preset: { type: 'string', default: 'small' }, 'pool-rows': { type: 'string', default: '3000' }, seed: { type: 'string', default: '1' } },
});
if (!values.data) throw new Error('give --data DIR (an exploration dataset, not the one results are reported on)');

const K_GRID = [1, 2, 5, 10, 20, 50, 100, 200, 500];

function pick(matrix: Matrix, rows: readonly number[]): Matrix {
  const out = new Float32Array(rows.length * matrix.cols);
  rows.forEach((row, i) => out.set(matrix.data.subarray(row * matrix.cols, (row + 1) * matrix.cols), i * matrix.cols));
  return { data: out, rows: rows.length, cols: matrix.cols };
}

function fmt(x: number): string {
  return x.toFixed(3);
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const data = await readPipelineData(values.data!);
  const shipped = await openShippedFolder(`${SHIPPED_MODELS_DIR}${values.preset}`);
  const pool = sampleExamples(data.pool, Number(values['pool-rows']), `${values.seed}/knn-sweep-pool`);
  const started = performance.now();
  const features = await withModel(await shipped.load(), 'shipped model', async (model, tokenizer) => {
    const matrix = async (examples: typeof pool) => pooledMatrix(await inferExamples(model, tokenizer, examples, { batchSize: 64, pooled: true }), model);
    return { fit: await matrix(data.train), val: await matrix(data.val), pool: await matrix(pool) };
  });
  console.log(`features: ${data.train.length} train, ${data.val.length} val, ${pool.length} pool rows in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const shifted = pool.flatMap((example, i) => (example.tags.length > 0 ? [i] : []));
  const tags = [...new Set(pool.flatMap((example) => example.tags))].sort();
  const oodPool = pick(features.pool, shifted);
  console.log(`pool: ${shifted.length} of ${pool.length} rows carry a shift tag (${tags.join(', ')})`);
  console.log('detector | k (k / fit rows) | AUROC val vs shifted pool | FPR@95 (OOD positive) | AUROC per tag');
  const perTag = (poolScores: Float64Array, valScores: Float64Array) =>
    tags.map((tag) => {
      const rows = shifted.flatMap((row, i) => (pool[row].tags.includes(tag) ? [i] : []));
      return `${tag} ${fmt(oodDetectionMetrics(valScores, rows.map((i) => poolScores[i])).auroc)}`;
    }).join(', ');

  for (const k of K_GRID) {
    const knn = fitKnn(features.fit, { k });
    const valScores = await knn.score(features.val);
    const poolScores = await knn.score(oodPool);
    const metrics = oodDetectionMetrics(valScores, poolScores);
    console.log(`knn | ${k} (${(k / features.fit.rows).toFixed(4)}) | ${fmt(metrics.auroc)} | ${fmt(metrics.fpr95)} | ${perTag(poolScores, valScores)}`);
  }
  const mahalanobis = fitMahalanobis(features.fit, data.train.map((example) => example.grade!));
  const valScores = mahalanobis.score(features.val);
  const poolScores = mahalanobis.score(oodPool);
  const metrics = oodDetectionMetrics(valScores, poolScores);
  console.log(`mahalanobis | - | ${fmt(metrics.auroc)} | ${fmt(metrics.fpr95)} | ${perTag(poolScores, valScores)}`);
}

await main();
