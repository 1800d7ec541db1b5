// Every kernel a training step runs (forward and backward) must exist on wasm and webgpu.
// The kernels are recorded on cpu with tf.profile and looked up in the other backends' registries:
// the tfjs composition (fused kernels off) on both, and the lab's fused kernels (kernels/, which the
// cpu and wasm backends run when they are on) on wasm. webgpu's fused path is test/browser's.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from '../../model/fused-switch';
import { createGpt, disposeGpt, gptConfig } from '../../model/gpt';
import { AdamW } from './adamw';
import { STAGE_GROUPS, paramSettings } from './param-groups';
import { syntheticBatch } from './synthetic-batch';
import { trainStep, type Objective } from './train-step';

async function kernelsOfTraining(fused: boolean): Promise<Set<string>> {
  setFusedKernels(fused);
  const config = gptConfig('nano', { vocabSize: 40, contextLength: 12, dropout: 0.1 });
  const model = createGpt(config, 'kernels');
  const lm = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
  const ft = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.finetune));
  const everything: Objective = {
    kind: 'classify',
    loss: { labelSmoothing: 0.1, ordinalSmoothing: 0.1, ordinalDecay: 0.5, confidencePenalty: 0.1, logitNormTau: 0.5, marginWeight: 0.2, margin: 1 },
  };
  const batch = syntheticBatch(config, 3, 10, 'kernels');
  const info = await tf.profile(async () => {
    await trainStep(model, batch, { kind: 'lm' }, lm, { learningRate: 1e-3, dropoutSeed: 1 });
    await trainStep(model, batch, everything, ft, { learningRate: 1e-3, dropoutSeed: 2 });
  });
  lm.dispose();
  ft.dispose();
  disposeGpt(model);
  setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  return new Set(info.kernelNames);
}

/** Ops with a custom gradient show up by name but are not kernels: "forward" (tf.customGrad), "*__op". */
const isCompositeOp = (name: string) => name === 'forward' || name.endsWith('__op');

describe('kernel coverage', () => {
  let used: Set<string>;
  let usedFused: Set<string>;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const recorded = await kernelsOfTraining(false);
    const recordedFused = await kernelsOfTraining(true);
    const cpuKernels = new Set(tf.getKernelsForBackend('cpu').map((k) => k.kernelName));
    expect([...recorded, ...recordedFused].filter((name) => !cpuKernels.has(name) && !isCompositeOp(name))).toEqual([]);
    used = new Set([...recorded].filter((name) => cpuKernels.has(name)));
    usedFused = new Set([...recordedFused].filter((name) => cpuKernels.has(name)));
  });

  it('records the core kernels of the step', () => {
    for (const name of ['BatchMatMul', 'OneHot', 'Softmax', 'Sigmoid', 'Relu']) expect(used).toContain(name);
  });

  it('lookups take their gradient from ScatterNd, not UnsortedSegmentSum (which wasm lacks)', () => {
    expect(used).not.toContain('UnsortedSegmentSum');
    expect(used).toContain('GatherV2');
    expect(used).toContain('ScatterNd');
  });

  for (const backend of ['wasm', 'webgpu']) {
    it(`every kernel is registered on ${backend}`, () => {
      const registered = new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
      expect(registered.size).toBeGreaterThan(100);
      expect([...used].filter((name) => !registered.has(name))).toEqual([]);
    });
  }

  it('every kernel of the fused cpu/wasm path is registered on wasm, and it runs lab kernels', () => {
    const registered = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
    expect([...usedFused].filter((name) => name.startsWith('Lab')).length).toBeGreaterThan(0);
    expect([...usedFused].filter((name) => !registered.has(name))).toEqual([]);
  });
});
