// The fused clipping + AdamW update of cpu and wasm (model/kernels/adamw.ts, sum-of-squares.ts) against
// the composition of clip.ts and adamw.ts: two copies of a nano GPT get the same gradients, one updated
// through the fused kernels and one through the composition, for several steps.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../../backend/test-backends';
import { breakFusedGradientForTests } from '../../model/broken-gradients';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from '../../model/fused-switch';
import { createGpt, disposeGpt, gptConfig, type Gpt } from '../../model/gpt';
import { relativeError } from '../../model/kernels/relative-error';
import { AdamW } from './adamw';
import { CROSS_ENTROPY } from './losses';
import { paramSettings, type ParamGroupsConfig } from './param-groups';
import { syntheticBatch } from './synthetic-batch';
import { applyUpdate, objectiveLoss } from './train-step';

afterAll(async () => {
  breakFusedGradientForTests(null);
  setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  await useBackend('cpu');
});

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });
/** Both groups train (every parameter gets a gradient), the head at another learning-rate scale. */
const GROUPS: ParamGroupsConfig = { backbone: { trainable: true, lrScale: 1 }, head: { trainable: true, lrScale: 3 } };

interface Twins {
  fused: { model: Gpt; optimizer: AdamW };
  composed: { model: Gpt; optimizer: AdamW };
  dispose(): void;
}

function twins(weightDecay: number): Twins {
  const make = () => {
    const model = createGpt(config, 'fused-update');
    return { model, optimizer: new AdamW(model.params, paramSettings(model.params.keys(), GROUPS), { weightDecay }) };
  };
  const [fused, composed] = [make(), make()];
  return {
    fused,
    composed,
    dispose: () => [fused, composed].forEach(({ model, optimizer }) => { optimizer.dispose(); disposeGpt(model); }),
  };
}

/** Gradients of a classification loss at the fused twin's parameters, applied to both twins; the two norms. */
function step(twin: Twins, seed: number, clipNorm: number): { fusedNorm: number; composedNorm: number } {
  const { model, optimizer } = twin.fused;
  const names = optimizer.trainableNames;
  const batch = syntheticBatch(config, 4, 12, `fused-update-${seed}`);
  return tf.tidy(() => {
    const { grads } = tf.valueAndGrads((...trainable: tf.Tensor[]) => {
      const params = new Map<string, tf.Tensor>(model.params);
      names.forEach((name, i) => params.set(name, trainable[i]));
      return objectiveLoss(config, params, batch, { kind: 'classify', loss: CROSS_ENTROPY });
    })(names.map((name) => model.params.get(name)!));
    const byName = new Map(names.map((name, i) => [name, grads[i]]));
    const options = { learningRate: 0.01, clipNorm };
    const fusedNorm = applyUpdate(byName, optimizer, options).dataSync()[0];
    setFusedKernels(false);
    try {
      return { fusedNorm, composedNorm: applyUpdate(byName, twin.composed.optimizer, options).dataSync()[0] };
    } finally {
      setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
    }
  });
}

/** Worst over every parameter and moment of max |fused - composed| / max |composed|. */
function worstRelativeError(twin: Twins): number {
  const pairs: [tf.Tensor, tf.Tensor][] = [...twin.composed.model.params].map(([name, p]) => [twin.fused.model.params.get(name)!, p]);
  const fusedState = twin.fused.optimizer.stateTensors();
  for (const [key, t] of twin.composed.optimizer.stateTensors()) pairs.push([fusedState.get(key)!, t]);
  return Math.max(...pairs.map(([a, b]) => relativeError(a, b)));
}

const STEPS = 4;

describe.each<NodeBackend>(['cpu', 'wasm'])('the fused update on %s', (backend) => {
  it.each([
    { clipNorm: 0.05, weightDecay: 0.1, what: 'clipping active, decay on .w' },
    { clipNorm: Infinity, weightDecay: 0.1, what: 'no clipping, decay on .w' },
    { clipNorm: 1e3, weightDecay: 0, what: 'clipping inactive, no decay' },
    { clipNorm: 0.05, weightDecay: 0, what: 'clipping active, no decay' },
  ])('follows the composition over several steps: $what', async ({ clipNorm, weightDecay }) => {
    await useBackend(backend);
    const twin = twins(weightDecay);
    const tensors = tf.memory().numTensors;
    for (let k = 1; k <= STEPS; k++) {
      const { fusedNorm, composedNorm } = step(twin, k, clipNorm);
      if (clipNorm < 1) expect(composedNorm, 'the norm is above the threshold: clipping acts').toBeGreaterThan(2 * clipNorm);
      else expect(composedNorm).toBeLessThan(clipNorm);
      expect(Math.abs(fusedNorm - composedNorm) / composedNorm).toBeLessThan(1e-6);
      expect(worstRelativeError(twin), `step ${k}`).toBeLessThan(1e-6);
      expect(twin.fused.optimizer.step).toBe(k);
      expect(twin.composed.optimizer.step).toBe(k);
      expect(tf.memory().numTensors, `tensors after step ${k}`).toBe(tensors);
    }
    twin.dispose();
  });

  it('notices a broken update', async () => {
    await useBackend(backend);
    const twin = twins(0.1);
    step(twin, 1, 0.05);
    breakFusedGradientForTests('adamW');
    try {
      step(twin, 2, 0.05);
    } finally {
      breakFusedGradientForTests(null);
    }
    expect(worstRelativeError(twin)).toBeGreaterThan(0.1);
    twin.dispose();
  });

  it('runs one sum of squares and one update kernel per parameter, nothing element-wise besides', async () => {
    await useBackend(backend);
    const twin = twins(0.1);
    const { optimizer, model } = twin.fused;
    const info = await tf.profile(() => {
      tf.tidy(() => {
        const grads = new Map(optimizer.trainableNames.map((name) => [name, tf.onesLike(model.params.get(name)!)]));
        applyUpdate(grads, optimizer, { learningRate: 0.01, clipNorm: 1 });
      });
    });
    const names = info.kernels.map((k) => k.name).filter((name) => name !== 'OnesLike');
    const count = (name: string) => names.filter((n) => n === name).length;
    const sumOfSquares = `LabSumOfSquares${optimizer.trainableNames.length}`;
    expect(count('LabAdamW')).toBe(optimizer.trainableNames.length);
    expect(count(sumOfSquares)).toBe(1);
    expect(new Set(names)).toEqual(new Set(['LabAdamW', sumOfSquares, 'Sqrt', 'Reshape']));
    twin.dispose();
  });
});
