import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig, type Gpt } from '../model/gpt';
import { AdamW } from '../training/step/adamw';
import { DEFAULT_OCC } from '../training/step/losses';
import { STAGE_GROUPS, paramSettings } from '../training/step/param-groups';
import { syntheticBatch } from '../training/step/synthetic-batch';
import { useBackend } from '../backend/test-backends';
import { trainStep, type Objective } from '../training/step/train-step';
import type { GradientPool } from './gradient-pool';
import { createNodeGradientPool } from './node-gradient-pool';
import { dyingPool } from './test-support';
import { parallelTrainStep } from './parallel-step';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });

function setup(stage: 'pretrain' | 'finetune'): { model: Gpt; optimizer: AdamW; dispose: () => void } {
  const model = createGpt(config, 'parallel');
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS[stage]));
  return { model, optimizer, dispose: () => { optimizer.dispose(); disposeGpt(model); } };
}

const values = (model: Gpt) => [...model.params.values()].flatMap((v) => Array.from(v.dataSync()));

describe('parallel training step (wasm, worker threads)', () => {
  let pool: GradientPool;
  beforeAll(async () => {
    await useBackend('wasm');
    pool = createNodeGradientPool(2, 'wasm');
  });
  afterAll(async () => {
    await pool.dispose();
  });

  const cases: [string, 'pretrain' | 'finetune', Objective][] = [
    ['causal LM', 'pretrain', { kind: 'lm' }],
    ['OCC fine-tuning', 'finetune', { kind: 'classify', loss: DEFAULT_OCC }],
  ];
  it.each(cases)('%s: three threads give the losses and weights of one thread, and leak no tensors', async (_, stage, objective) => {
    const single = setup(stage);
    const parallel = setup(stage);
    const batch = syntheticBatch(config, 7, 12, `batch-${stage}`);
    await parallelTrainStep(parallel.model, batch, objective, parallel.optimizer, { learningRate: 1e-3 }, pool); // starts the helpers
    await trainStep(single.model, batch, objective, single.optimizer, { learningRate: 1e-3 });
    const tensors = tf.memory().numTensors;
    for (let step = 0; step < 6; step++) {
      const a = await trainStep(single.model, batch, objective, single.optimizer, { learningRate: 1e-3 });
      const b = await parallelTrainStep(parallel.model, batch, objective, parallel.optimizer, { learningRate: 1e-3 }, pool);
      // Float sums in another order, amplified a little by Adam over the steps.
      expect(Math.abs(b.loss - a.loss) / a.loss).toBeLessThan(1e-4);
      expect(Math.abs(b.gradNorm - a.gradNorm) / a.gradNorm).toBeLessThan(1e-3);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    const [x, y] = [values(single.model), values(parallel.model)];
    const gaps = x.map((v, i) => Math.abs(v - y[i])).sort((p, q) => p - q);
    // Adam moves a weight whose gradient is near 0 by up to the learning rate whatever its sign: allow
    // that for a few weights, and ask the typical weight to agree to rounding.
    expect(gaps[Math.floor(gaps.length * 0.99)]).toBeLessThan(1e-5);
    expect(gaps[gaps.length - 1]).toBeLessThan(7 * 1e-3); // 7 updates of at most ~lr each
    expect(x).not.toEqual(values(setup(stage).model)); // the weights did move
    single.dispose();
    parallel.dispose();
  });

  it('a one-row batch runs on this thread alone', async () => {
    const { model, optimizer, dispose } = setup('pretrain');
    const result = await parallelTrainStep(model, syntheticBatch(config, 1, 8, 'one'), { kind: 'lm' }, optimizer, { learningRate: 1e-3 }, pool);
    expect(Number.isFinite(result.loss)).toBe(true);
    dispose();
  });

  it('refuses helpers on another backend than the step', async () => {
    const cpuPool = createNodeGradientPool(1, 'cpu');
    const { model, optimizer, dispose } = setup('pretrain');
    await expect(parallelTrainStep(model, syntheticBatch(config, 4, 8, 'mixed'), { kind: 'lm' }, optimizer, { learningRate: 1e-3 }, cpuPool))
      .rejects.toThrow(/Training threads compute on cpu, this thread on wasm/);
    dispose();
    await cpuPool.dispose();
  });

  it('an idle pool does not keep a process from exiting', () => {
    const script = fileURLToPath(new URL('./fixtures/undisposed-pool.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.error).toBeUndefined(); // a timeout would be reported here
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/loss \d/);
  }, 70_000);

  it('a helper that dies makes the step fail with the reason, not hang', async () => {
    const dying = dyingPool('wasm');
    const { model, optimizer, dispose } = setup('pretrain');
    const before = values(model);
    await expect(parallelTrainStep(model, syntheticBatch(config, 4, 8, 'dies'), { kind: 'lm' }, optimizer, { learningRate: 1e-3 }, dying))
      .rejects.toThrow(/Training thread 1 stopped: the thread exited \(code 3\)/);
    expect(values(model)).toEqual(before); // no half-applied update
    dispose();
    await dying.dispose();
  });
});
