import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig, isHeadParam } from '../model/gpt';
import { DEFAULT_OCC } from '../training/step/losses';
import { syntheticBatch } from '../training/step/synthetic-batch';
import { useBackend } from '../backend/test-backends';
import type { Objective, TokenBatch } from '../training/step/train-step';
import { lmTargetCount, shardBatch } from './shard-batch';
import { shardGradients } from './shard-gradients';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });

/** Rows of different real lengths, so LM shards hold different numbers of targets. */
function unevenBatch(): TokenBatch {
  const batch = syntheticBatch(config, 7, 12, 'uneven');
  for (let r = 0; r < batch.rows; r++) {
    const keep = 2 + r; // row r keeps 2 + r tokens
    for (let t = keep; t < batch.length; t++) batch.ids[r * batch.length + t] = config.padId;
    batch.pooledIndex![r] = keep - 1;
  }
  return batch;
}

describe('shardBatch', () => {
  it('splits rows into contiguous near-equal shards that cover the batch once', () => {
    const batch = syntheticBatch(config, 7, 5, 'split');
    const shards = shardBatch(batch, { kind: 'classify', loss: DEFAULT_OCC }, 3, config.padId);
    expect(shards.map((s) => s.batch.rows)).toEqual([2, 2, 3]);
    expect(Int32Array.from(shards.flatMap((s) => [...s.batch.ids]))).toEqual(batch.ids);
    expect(Int32Array.from(shards.flatMap((s) => [...s.batch.labels!]))).toEqual(batch.labels);
    expect(shards.map((s) => s.weight)).toEqual([2 / 7, 2 / 7, 3 / 7]);
  });

  it('weighs LM shards by their non-pad targets, and never makes more shards than rows', () => {
    const batch = unevenBatch();
    const shards = shardBatch(batch, { kind: 'lm' }, 9, config.padId);
    expect(shards).toHaveLength(7);
    // Row r has 2 + r tokens, so 1 + r targets.
    expect(shards.map((s) => lmTargetCount(s.batch, config.padId))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(shards.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 12);
    expect(shards[6].weight).toBeCloseTo(7 / 28, 12);
  });

  it('rejects a shard count that is not a positive integer', () => {
    const batch = syntheticBatch(config, 2, 4, 'bad');
    expect(() => shardBatch(batch, { kind: 'lm' }, 0, config.padId)).toThrow(/shards must be a positive integer, got 0/);
  });
});

describe('sharded gradients add up to the whole batch', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  const objectives: [string, Objective][] = [
    ['causal LM', { kind: 'lm' }],
    ['OCC classification', { kind: 'classify', loss: DEFAULT_OCC }],
    ['LM with matched-vs-shuffled pairs', { kind: 'lm', pairsWeight: 16 }],
  ];
  it.each(objectives)('%s: the weighted sum of shard losses and gradients equals the batch loss and gradient', (_, objective) => {
    const model = createGpt(config, 'shards');
    const params = [...model.params].map(([name, value]) => ({ name, shape: value.shape, values: value.dataSync() as Float32Array }));
    const pairs = objective.kind === 'lm' && objective.pairsWeight !== undefined;
    const trainable = [...model.params.keys()].filter((name) => (objective.kind === 'classify' ? true : !isHeadParam(name)) && (pairs || !name.startsWith('pairs.')));
    const batch = unevenBatch();
    // Pair labels: real (1), shuffled (0) and plain text (-1) rows, spread over the shards.
    if (pairs) batch.labels = Int32Array.from({ length: batch.rows }, (_, r) => (r % 3) - 1);
    const whole = shardGradients({ config, params, trainable, batch, objective });
    const shards = shardBatch(batch, objective, 3, config.padId);
    let loss = 0;
    const sums = whole.grads.map((g) => new Float64Array(g.length));
    for (const shard of shards) {
      const part = shardGradients({ config, params, trainable, batch: shard.batch, objective });
      loss += shard.weight * part.loss;
      part.grads.forEach((g, j) => g.forEach((value, k) => (sums[j][k] += shard.weight * value)));
    }
    expect(loss).toBeCloseTo(whole.loss, 5);
    let largest = 0;
    whole.grads.forEach((g, j) => g.forEach((value, k) => (largest = Math.max(largest, Math.abs(value - sums[j][k])))));
    const scale = Math.max(...whole.grads.map((g) => Math.max(...Array.from(g, Math.abs))));
    expect(scale).toBeGreaterThan(1e-4); // the comparison is not between zeros
    expect(largest / scale).toBeLessThan(1e-5);
    disposeGpt(model);
    expect(tf.memory().numTensors).toBe(0);
  });
});
