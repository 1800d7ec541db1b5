// The model with the lab's fused cpu/wasm kernels against the model with the tfjs composition:
// the same hidden states, loss and parameter gradients up to float rounding, padding included.
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useBackend, type NodeBackend } from '../backend/test-backends';
import { breakFusedGradientForTests } from './broken-gradients';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from './fused-switch';
import { createGpt, disposeGpt, gptConfig, hiddenStates, lmLoss, type Gpt } from './gpt';

afterAll(async () => {
  await useBackend('cpu');
});

afterEach(() => {
  setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  breakFusedGradientForTests(null);
});

const config = gptConfig('nano', { vocabSize: 60, contextLength: 12 });
const PAD = config.padId;
// Right padding of different lengths, a full row, and a row of padding only.
const IDS = [
  [5, 9, 14, 3, 22, 1, PAD, PAD, PAD, PAD],
  [7, 7, 30, 41, 12, 19, 8, 2, 55, 1],
  [12, 1, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD],
  [PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD, PAD],
];

interface Run {
  hidden: Float32Array;
  loss: number;
  grads: Map<string, Float32Array>;
}

function run(model: Gpt, fused: boolean): Run {
  setFusedKernels(fused);
  let result: Run | undefined;
  tf.tidy(() => {
    const ids = tf.tensor2d(IDS, [IDS.length, IDS[0].length], 'int32');
    const hidden = hiddenStates(config, model.params, ids).dataSync() as Float32Array;
    const names = [...model.params.keys()];
    const { value, grads } = tf.variableGrads(() => lmLoss(config, model.params, ids), names.map((n) => model.params.get(n)!));
    // The classifier and pairs heads are not part of the LM loss and get no gradient.
    const reached = names.filter((n) => grads[model.params.get(n)!.name] !== undefined);
    result = { hidden, loss: value.dataSync()[0], grads: new Map(reached.map((n) => [n, grads[model.params.get(n)!.name].dataSync() as Float32Array])) };
  });
  return result!;
}

function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

function worstGradientError(fused: Run, composition: Run): number {
  expect([...composition.grads.keys()]).toContain('h1.mlp.fc.w');
  return Math.max(...[...composition.grads].map(([name, g]) => relativeError(fused.grads.get(name)!, g)));
}

/** The nano model's runs with the fused kernels on and off, `broken`'s gradient made wrong when given. */
async function bothRuns(backend: NodeBackend, broken: 'linearGelu' | 'maskedSoftmax' | null = null): Promise<{ fused: Run; composition: Run }> {
  await useBackend(backend);
  const model = createGpt(config, 'fused-parity');
  breakFusedGradientForTests(broken);
  const fused = run(model, true);
  const composition = run(model, false);
  disposeGpt(model);
  return { fused, composition };
}

describe.each<NodeBackend>(['cpu', 'wasm'])('the nano model with fused kernels on %s', (backend) => {
  it('has the hidden states, LM loss and parameter gradients of the composition within 1e-5 relative', async () => {
    const { fused, composition } = await bothRuns(backend);
    expect(relativeError(fused.hidden, composition.hidden)).toBeLessThan(1e-5);
    expect(Math.abs(fused.loss - composition.loss) / Math.abs(composition.loss)).toBeLessThan(1e-5);
    expect(worstGradientError(fused, composition)).toBeLessThan(1e-5);
  });

  it('notices a broken linearGelu gradient', async () => {
    const { fused, composition } = await bothRuns(backend, 'linearGelu');
    expect(worstGradientError(fused, composition)).toBeGreaterThan(0.1);
  });

  // At initialisation the attention probabilities are near uniform: only the query and key weights'
  // gradients pass through the softmax's gradient alone (the values' part of qkv.w dominates the rest).
  it('notices a broken maskedSoftmax gradient in the query weights', async () => {
    const { fused, composition } = await bothRuns(backend, 'maskedSoftmax');
    const queryColumns = (g: Float32Array) => g.filter((_, i) => i % (3 * config.dModel) < config.dModel);
    const fusedQueries = queryColumns(fused.grads.get('h0.attn.qkv.w')!);
    expect(relativeError(fusedQueries, queryColumns(composition.grads.get('h0.attn.qkv.w')!))).toBeGreaterThan(0.1);
  });
});
