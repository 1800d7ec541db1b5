// Test support: model checkpoints of the right names and shapes without tfjs, filled from a seed.
import { gptConfig, parameterSpecs, type GptConfig } from '../model/gpt';
import { createRng } from '../random';
import { STAGE_GROUPS } from '../training/step/param-groups';
import { warmupCosine } from '../training/step/schedule';
import type { ModelCheckpoint } from './types';

export const TINY_CONFIG: GptConfig = gptConfig('nano', { vocabSize: 64, contextLength: 16 });

/** A finetune checkpoint at `step` of `totalSteps`, weights and AdamW moments drawn from `seed`. */
export function sampleModelCheckpoint(seed: number, step: number, totalSteps = 100, config: GptConfig = TINY_CONFIG): ModelCheckpoint {
  const rng = createRng(seed);
  const tensors = (prefix: string) =>
    parameterSpecs(config).map((spec) => ({
      name: `${prefix}${spec.name}`,
      dtype: 'float32' as const,
      shape: [...spec.shape],
      data: Float32Array.from({ length: spec.shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.02),
    }));
  return {
    config,
    tokenizer: null,
    weights: tensors(''),
    optimizer: { step, tensors: [...tensors('m.'), ...tensors('v.')] },
    training: {
      stage: 'finetune', step, totalSteps, seed: 1, batchSize: 4, schedule: warmupCosine(1e-3, totalSteps), clipNorm: 1,
      groups: STAGE_GROUPS.finetune, loss: null, dataFingerprint: 'test', lastLoss: 1,
    },
  };
}

/** Whether two checkpoints hold the same step and the same weight values. */
export function sameModelCheckpoint(a: ModelCheckpoint, b: ModelCheckpoint): boolean {
  return (
    a.training?.step === b.training?.step &&
    a.weights.length === b.weights.length &&
    a.weights.every((tensor, i) => tensor.name === b.weights[i].name && tensor.data.every((value, j) => Object.is(value, b.weights[i].data[j])))
  );
}
