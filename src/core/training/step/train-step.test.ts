import { MATCH_CHANNELS } from '../../model/match-signals';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig, isHeadParam, type Gpt } from '../../model/gpt';
import { AdamW } from './adamw';
import { CROSS_ENTROPY, DEFAULT_OCC } from './losses';
import { STAGE_GROUPS, paramSettings, type ParamGroupsConfig } from './param-groups';
import { trainStep, type Objective, type TokenBatch } from './train-step';
import { syntheticBatch } from './synthetic-batch';
import { useBackend } from '../../backend/test-backends';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });

function setup(groups: ParamGroupsConfig, seed = 'train-step'): { model: Gpt; optimizer: AdamW; dispose: () => void } {
  const model = createGpt(config, seed);
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), groups));
  return { model, optimizer, dispose: () => { optimizer.dispose(); disposeGpt(model); } };
}

const snapshot = (model: Gpt) => new Map([...model.params].map(([name, v]) => [name, Array.from(v.dataSync())]));
const classifyOcc: Objective = { kind: 'classify', loss: DEFAULT_OCC };

describe('training step mechanics (cpu)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('the probe changes the head and leaves the backbone bit-for-bit unchanged', async () => {
    const { model, optimizer, dispose } = setup(STAGE_GROUPS.probe);
    const before = snapshot(model);
    const batch = syntheticBatch(config, 6, 10, 'probe');
    for (let i = 0; i < 5; i++) await trainStep(model, batch, { kind: 'classify', loss: CROSS_ENTROPY }, optimizer, { learningRate: 1e-2 });
    const after = snapshot(model);
    for (const [name, values] of before) {
      if (isHeadParam(name)) expect(after.get(name), name).not.toEqual(values);
      else expect(after.get(name), name).toEqual(values);
    }
    dispose();
  });

  it('pretraining leaves the classifier head unchanged', async () => {
    const { model, optimizer, dispose } = setup(STAGE_GROUPS.pretrain);
    const before = snapshot(model);
    await trainStep(model, syntheticBatch(config, 2, 8, 'pre'), { kind: 'lm' }, optimizer, { learningRate: 1e-2 });
    const after = snapshot(model);
    expect(after.get('classifier.w')).toEqual(before.get('classifier.w'));
    expect(after.get('h0.attn.qkv.w')).not.toEqual(before.get('h0.attn.qkv.w'));
    dispose();
  });

  it('dropout masks follow the step seed', async () => {
    const c = { ...config, dropout: 0.2 };
    const losses = [];
    for (const seed of [5, 5, 6]) {
      const model = createGpt(c, 'dropout');
      const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
      losses.push((await trainStep(model, syntheticBatch(c, 2, 8, 'd'), { kind: 'lm' }, optimizer, { learningRate: 1e-3, dropoutSeed: seed })).loss);
      optimizer.dispose();
      disposeGpt(model);
    }
    expect(losses[0]).toBe(losses[1]);
    expect(losses[2]).not.toBe(losses[0]);
  });

  it('rejects bad batches, saying where the problem is', async () => {
    const { model, optimizer, dispose } = setup(STAGE_GROUPS.finetune);
    const good = syntheticBatch(config, 2, 6, 'bad');
    const run = (batch: TokenBatch) => trainStep(model, batch, classifyOcc, optimizer, { learningRate: 1e-3 });
    const ids = good.ids.slice();
    // Packed ids (match channels) go up to vocabSize * MATCH_CHANNELS; one past that is refused.
    ids[7] = 64 * MATCH_CHANNELS;
    await expect(run({ ...good, ids })).rejects.toThrow(/token id 704 at row 1, position 1 is outside the vocabulary \(size 64 with match channels: ids below 704\)/);
    const plain = createGpt({ ...config, matchSignals: false }, 'plain');
    const plainOptimizer = new AdamW(plain.params, paramSettings(plain.params.keys(), STAGE_GROUPS.finetune));
    ids[7] = 64;
    await expect(trainStep(plain, { ...good, ids }, classifyOcc, plainOptimizer, { learningRate: 1e-3 })).rejects.toThrow(/token id 64 at row 1, position 1 is outside the vocabulary \(size 64\)/);
    plainOptimizer.dispose();
    disposeGpt(plain);
    await expect(run({ ...good, labels: Int32Array.from([0, 3]) })).rejects.toThrow(/label 3 of row 1/);
    await expect(run({ ...good, pooledIndex: Int32Array.from([6, 0]) })).rejects.toThrow(/pooled index 6 of row 0/);
    await expect(run({ ...good, rows: 3 })).rejects.toThrow(/12 ids do not fill 3 rows/);
    await expect(run({ ...good, labels: undefined })).rejects.toThrow(/needs 2 labels/);
    expect(optimizer.step).toBe(0);
    dispose();
  });
});

describe('training step learning and memory (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  afterAll(async () => {
    await useBackend('cpu');
  });

  it('language modelling memorises a fixed batch', async () => {
    const { model, optimizer, dispose } = setup(STAGE_GROUPS.pretrain);
    const batch = syntheticBatch(config, 4, 12, 'lm');
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) losses.push((await trainStep(model, batch, { kind: 'lm' }, optimizer, { learningRate: 1e-2 })).loss);
    expect(losses[0]).toBeGreaterThan(3.5); // about ln 64 = 4.16 at the start
    expect(losses[29]).toBeLessThan(losses[0] * 0.6);
    dispose();
  });

  it('fine-tuning with OCC lowers the classification loss and reports a gradient norm', async () => {
    const { model, optimizer, dispose } = setup(STAGE_GROUPS.finetune);
    const batch = syntheticBatch(config, 8, 10, 'cls');
    const first = await trainStep(model, batch, classifyOcc, optimizer, { learningRate: 1e-2 });
    expect(first.gradNorm).toBeGreaterThan(0);
    let last = first;
    for (let i = 0; i < 30; i++) last = await trainStep(model, batch, classifyOcc, optimizer, { learningRate: 1e-2 });
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    dispose();
  });


  it('holds the same number of tensors and bytes after step 10 and after step 200', async () => {
    const model = createGpt(config, 'leak');
    // Alternates LM steps (backbone only: the LM loss never reaches the head) and OCC steps.
    const lmOptimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
    const occOptimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.finetune));
    const occ: Objective = { kind: 'classify', loss: { ...DEFAULT_OCC, logitNormTau: 0.5, labelSmoothing: 0.05 } };
    const batch = syntheticBatch(config, 2, 16, 'leak');
    let at10 = { numTensors: -1, numBytes: -1 };
    for (let step = 1; step <= 200; step++) {
      if (step % 2 === 0) await trainStep(model, batch, { kind: 'lm' }, lmOptimizer, { learningRate: 1e-3 });
      else await trainStep(model, batch, occ, occOptimizer, { learningRate: 1e-3 });
      if (step === 10) at10 = { ...tf.memory() };
    }
    expect(tf.memory().numTensors).toBe(at10.numTensors);
    expect(tf.memory().numBytes).toBe(at10.numBytes);
    lmOptimizer.dispose();
    occOptimizer.dispose();
    disposeGpt(model);
    expect(tf.memory().numTensors).toBe(0);
  }, 30_000);
});
