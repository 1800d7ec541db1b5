// Every kernel a training step runs (forward and backward) must exist on wasm and webgpu.
// The kernels are recorded on cpu with tf.profile and looked up in the other backends' registries.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig } from '../../model/gpt';
import { AdamW } from './adamw';
import { STAGE_GROUPS, paramSettings } from './param-groups';
import { syntheticBatch } from './synthetic-batch';
import { trainStep, type Objective } from './train-step';

async function kernelsOfTraining(): Promise<Set<string>> {
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
  return new Set(info.kernelNames);
}

/** Ops with a custom gradient show up by name but are not kernels: "forward" (tf.customGrad), "*__op". */
const isCompositeOp = (name: string) => name === 'forward' || name.endsWith('__op');

describe('kernel coverage', () => {
  let used: Set<string>;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const recorded = await kernelsOfTraining();
    const cpuKernels = new Set(tf.getKernelsForBackend('cpu').map((k) => k.kernelName));
    expect([...recorded].filter((name) => !cpuKernels.has(name) && !isCompositeOp(name))).toEqual([]);
    used = new Set([...recorded].filter((name) => cpuKernels.has(name)));
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
});
