// Same seed, same config, same batches: the cpu and wasm backends agree within float tolerance.

import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig } from '../../model/gpt';
import { AdamW } from './adamw';
import { DEFAULT_OCC } from './losses';
import { STAGE_GROUPS, paramSettings } from './param-groups';
import { syntheticBatch } from './synthetic-batch';
import { trainStep, type Objective } from './train-step';
import { useBackend, type NodeBackend } from '../../backend/test-backends';

/** Largest relative difference allowed between backends, per loss value. */
const RELATIVE_TOLERANCE = 1e-3;

const config = gptConfig('nano');

async function run(backend: NodeBackend) {
  await useBackend(backend);
  const model = createGpt(config, 'parity');
  const initialWte = Array.from(model.params.get('wte')!.dataSync());
  const pretrain = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
  const finetune = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.finetune));
  const occ: Objective = { kind: 'classify', loss: { ...DEFAULT_OCC, logitNormTau: 0.5 } };
  const lm: number[] = [];
  const cls: number[] = [];
  const lmBatch = syntheticBatch(config, 4, 32, 'lm');
  const clsBatch = syntheticBatch(config, 8, 24, 'cls');
  for (let step = 0; step < 5; step++) lm.push((await trainStep(model, lmBatch, { kind: 'lm' }, pretrain, { learningRate: 1e-2 })).loss);
  for (let step = 0; step < 5; step++) cls.push((await trainStep(model, clsBatch, occ, finetune, { learningRate: 1e-2 })).loss);
  const finalHead = Array.from(model.params.get('classifier.w')!.dataSync());
  pretrain.dispose();
  finetune.dispose();
  disposeGpt(model);
  return { initialWte, lm, cls, finalHead };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-12);

describe('cpu and wasm parity', () => {
  afterAll(async () => {
    await useBackend('cpu');
  });

  it('5 LM steps then 5 OCC fine-tuning steps give the same losses and weights', async () => {
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(wasm.initialWte).toEqual(cpu.initialWte);
    cpu.lm.forEach((loss, i) => expect(relative(loss, wasm.lm[i]), `LM step ${i}`).toBeLessThan(RELATIVE_TOLERANCE));
    cpu.cls.forEach((loss, i) => expect(relative(loss, wasm.cls[i]), `OCC step ${i}`).toBeLessThan(RELATIVE_TOLERANCE));
    // Training did something, so the agreement is not trivial.
    expect(cpu.lm[4]).toBeLessThan(cpu.lm[0]);
    expect(cpu.cls[4]).toBeLessThan(cpu.cls[0]);
    cpu.finalHead.forEach((w, i) => expect(Math.abs(w - wasm.finalHead[i])).toBeLessThan(1e-4));
  });
});
