import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig, headInputSize, type Gpt } from '../../model/gpt';
import { createRng } from '../../random';
import { runInference, type InferenceOutput } from './inference';
import { useBackend } from '../../backend/test-backends';
import { createGradientPool, type GradientPool } from '../../parallel/gradient-pool';
import { createNodeGradientPool } from '../../parallel/node-gradient-pool';
import { dyingPool } from '../../parallel/test-support';
import { createShardInference } from '../../parallel/shard-inference';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });

/** Rows of 2..16 random tokens ending in [CLS]. */
function sequences(count: number, seed: string): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const row = Int32Array.from({ length: 2 + rng.int(15) }, () => 2 + rng.int(config.vocabSize - 2));
    row[row.length - 1] = config.clsId;
    return row;
  });
}

/** The pool, counting the batches each helper computed and the weight sets sent. */
function counting(pool: GradientPool): { pool: GradientPool; batches: number[]; weightSends: () => number } {
  const batches = Array.from({ length: pool.threads }, () => 0);
  let sends = 0;
  return {
    pool: {
      ...pool,
      ready: () => pool.ready(),
      dispose: () => pool.dispose(),
      gradients: (helper, request) => pool.gradients(helper, request),
      infer(helper, request) {
        if (request.params) sends += 1;
        const answer = pool.infer(helper, request);
        void answer.then((a) => { if (a.kind === 'rows') batches[helper] += 1; }, () => undefined);
        return answer;
      },
    },
    batches,
    weightSends: () => sends,
  };
}

function expectClose(actual: Float32Array | null, expected: Float32Array | null): void {
  expect(actual).not.toBeNull();
  expect(actual!.length).toBe(expected!.length);
  let gap = 0;
  for (let i = 0; i < actual!.length; i++) gap = Math.max(gap, Math.abs(actual![i] - expected![i]));
  expect(gap).toBeLessThan(1e-5);
}

function expectSame(actual: InferenceOutput, expected: InferenceOutput): void {
  expect(actual.rows).toBe(expected.rows);
  expectClose(actual.logits, expected.logits);
  if (expected.pooled) expectClose(actual.pooled, expected.pooled);
  else expect(actual.pooled).toBeNull();
}

describe('inference spread over a gradient pool (wasm, worker threads)', () => {
  let pools: GradientPool[];
  let model: Gpt;
  beforeAll(async () => {
    await useBackend('wasm');
    pools = [createNodeGradientPool(1, 'wasm'), createNodeGradientPool(2, 'wasm')];
    await Promise.all(pools.map((pool) => pool.ready()));
    model = createGpt(config, 'inference');
  });
  afterAll(async () => {
    disposeGpt(model);
    await Promise.all(pools.map((pool) => pool.dispose()));
  });

  const cases: [string, number, number, number][] = [
    // [name, helpers, rows, batch size]
    ['1 helper, more batches than threads', 1, 120, 4],
    ['2 helpers, more batches than threads', 2, 121, 4],
    ['2 helpers, fewer batches than threads', 2, 7, 4],
  ];
  it.each(cases)('%s: the logits and pooled states of one thread, in input order', async (_, helpers, rows, batchSize) => {
    const input = sequences(rows, `rows-${rows}`);
    const expected = await runInference(model, input, { batchSize, pooled: true, pool: null });
    const spy = counting(pools[helpers - 1]);
    const tensors = tf.memory().numTensors;
    const progress: number[] = [];
    const actual = await runInference(model, input, { batchSize, pooled: true, pool: spy.pool, onBatch: (done, total) => {
      expect(total).toBe(rows);
      progress.push(done);
    } });
    expect(tf.memory().numTensors).toBe(tensors);
    expectSame(actual, expected);
    expect(progress).toHaveLength(Math.ceil(rows / batchSize));
    expect(progress.every((done, i) => i === 0 || done > progress[i - 1])).toBe(true);
    expect(progress.at(-1)).toBe(rows);
    // Every helper computed some of the batches, and got the weights once.
    expect(spy.batches.every((count) => count > 0)).toBe(true);
    expect(spy.weightSends()).toBe(helpers);
    // Helpers are handed two batches each up front; more means their answers were heard (and new
    // batches sent) while this thread was still computing its own.
    if (progress.length >= 20) expect(spy.batches.reduce((a, b) => a + b)).toBeGreaterThan(2 * helpers);
  });

  it('logits alone, and the same as one thread without pooled states', async () => {
    const input = sequences(30, 'logits-only');
    const expected = await runInference(model, input, { batchSize: 8, pool: null });
    expectSame(await runInference(model, input, { batchSize: 8, pool: pools[1] }), expected);
  });

  it('scores with the weights of the call, never those a helper kept from an earlier one', async () => {
    const input = sequences(24, 'retrained');
    const changed = createGpt(config, 'changed');
    await runInference(changed, input, { batchSize: 4, pool: pools[0] }); // the helper now holds these weights
    const other = createGpt(config, 'other');
    for (const [name, variable] of changed.params) variable.assign(other.params.get(name)!);
    expectSame(await runInference(changed, input, { batchSize: 4, pool: pools[0] }), await runInference(other, input, { batchSize: 4, pool: null }));
    disposeGpt(changed);
    disposeGpt(other);
  });

  it('two calls at once on the same helpers each get their own model', async () => {
    const other = createGpt(config, 'concurrent');
    const input = sequences(40, 'concurrent');
    const spy = counting(pools[1]);
    const [a, b] = await Promise.all([
      runInference(model, input, { batchSize: 2, pool: spy.pool }),
      runInference(other, input, { batchSize: 2, pool: spy.pool }),
    ]);
    expectSame(a, await runInference(model, input, { batchSize: 2, pool: null }));
    expectSame(b, await runInference(other, input, { batchSize: 2, pool: null }));
    // Each call sends its weights to both helpers, and again after the other call replaced them.
    expect(spy.weightSends()).toBeGreaterThan(4);
    disposeGpt(other);
  });

  it('one batch, or no pool, runs on this thread alone', async () => {
    const spy = counting(pools[0]);
    const input = sequences(3, 'one-batch');
    const out = await runInference(model, input, { batchSize: 8, pooled: true, pool: spy.pool });
    expectSame(out, await runInference(model, input, { batchSize: 8, pooled: true, pool: null }));
    expect(spy.batches).toEqual([0]);
  });

  it('refuses helpers on another backend than this thread', async () => {
    const cpuPool = createNodeGradientPool(1, 'cpu');
    await expect(runInference(model, sequences(10, 'mixed'), { batchSize: 2, pool: cpuPool }))
      .rejects.toThrow(/Inference threads compute on cpu, this thread on wasm/);
    await cpuPool.dispose();
  });

  it('a failing progress callback stops the call with its error once no batch is in flight', async () => {
    const tensors = tf.memory().numTensors;
    const stop = new Error('cancelled');
    let calls = 0;
    await expect(runInference(model, sequences(40, 'cancel'), { batchSize: 2, pool: pools[1], onBatch: () => {
      calls += 1;
      if (calls === 3) throw stop;
    } })).rejects.toBe(stop);
    expect(calls).toBe(3);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('a helper that dies before starting makes the call fail with the reason, not hang', async () => {
    const dying = dyingPool('wasm');
    await expect(runInference(model, sequences(10, 'dies'), { batchSize: 2, pool: dying }))
      .rejects.toThrow(/Training thread 1 stopped: the thread exited \(code 3\)/);
    await dying.dispose();
  });

  it('a helper that dies during the call makes it fail with the reason, and leaks no tensors', async () => {
    let worker: Worker | null = null;
    const pool = createGradientPool(1, 'wasm', () => {
      worker = new Worker(new URL('../../parallel/gradient-worker-node.mjs', import.meta.url), { workerData: { backend: 'wasm' } });
      const started = worker;
      return {
        endpoint: nodeEndpoint(started),
        onGone: (listener) => started.once('exit', (code) => listener(new Error(`the thread exited (code ${code})`))),
        terminate: async () => void (await started.terminate()),
      };
    });
    await pool.ready();
    const tensors = tf.memory().numTensors;
    let calls = 0;
    await expect(runInference(model, sequences(40, 'dies-later'), { batchSize: 2, pool, onBatch: () => {
      if (++calls === 2) void worker!.terminate();
    } })).rejects.toThrow(/Training thread 1 stopped: the thread exited \(code 1\)/);
    expect(calls).toBeLessThan(20);
    expect(tf.memory().numTensors).toBe(tensors);
    await pool.dispose();
  });
});

describe('a helper\'s kept weights', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('answers only under the key its weights came with, and frees them when replaced', () => {
    const model = createGpt(config, 'kept');
    const params = [...model.params].map(([name, value]) => ({ name, shape: value.shape, values: value.dataSync() as Float32Array }));
    const batch = { ids: Int32Array.from([5, 6, config.clsId]), rows: 1, length: 3, pooledIndex: Int32Array.from([2]) };
    const shard = createShardInference();
    const before = tf.memory().numTensors;
    expect(shard.infer({ config, weightsKey: 'a', batch, pooled: false }).kind).toBe('missing-weights');
    const first = shard.infer({ config, weightsKey: 'a', params, batch, pooled: true });
    expect(first.kind === 'rows' && first.logits.length === config.numClasses && first.pooled?.length === headInputSize(config)).toBe(true);
    const held = tf.memory().numTensors;
    expect(held - before).toBe(params.length);
    expect(shard.infer({ config, weightsKey: 'a', batch, pooled: false })).toMatchObject({ kind: 'rows', pooled: null });
    expect(shard.infer({ config, weightsKey: 'b', batch, pooled: false }).kind).toBe('missing-weights');
    shard.infer({ config, weightsKey: 'b', params, batch, pooled: false });
    expect(tf.memory().numTensors).toBe(held);
    expect(shard.infer({ config, weightsKey: 'a', batch, pooled: false }).kind).toBe('missing-weights');
    shard.dispose();
    expect(tf.memory().numTensors).toBe(before);
    disposeGpt(model);
  });
});
