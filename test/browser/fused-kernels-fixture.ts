// Bundled into a blank page by fused-kernels.test.ts: runs each fused webgpu kernel and the tfjs
// composition it replaces on the same inputs, and reports how far apart their values and gradients are.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { attentionBias, createGpt, gelu, gptConfig } from '../../src/core/model/gpt';
import { layerNorm, linear, matMul, tokenCrossEntropy } from '../../src/core/model/ops';
import { breakFusedGradientForTests, fusedLayerNorm, fusedLinear, fusedLinearGelu, fusedMatMul, fusedMaskedSoftmax, fusedTokenCrossEntropy, type FusedKernelName } from '../../src/core/model/webgpu/fused-ops';
import { setFusedKernels } from '../../src/core/model/fused-switch';
import { AdamW } from '../../src/core/training/step/adamw';
import { DEFAULT_OCC } from '../../src/core/training/step/occ-config';
import { STAGE_GROUPS, paramSettings } from '../../src/core/training/step/param-groups';
import { syntheticBatch } from '../../src/core/training/step/synthetic-batch';
import { applyUpdate, objectiveLoss, type Objective } from '../../src/core/training/step/train-step';

/** One compared quantity: the largest |fused - unfused| and the largest |unfused| (its scale). */
export interface Difference {
  name: string;
  maxAbs: number;
  scale: number;
}

type Inputs = tf.Tensor[];
type Op = (...inputs: tf.Tensor[]) => tf.Tensor;

/** A compared quantity, both sides kept on the device until settle() reads them. */
interface Pending {
  name: string;
  fused: tf.Tensor;
  reference: tf.Tensor;
}

function difference(name: string, fused: tf.Tensor, reference: tf.Tensor): Pending {
  return { name, fused: tf.keep(fused.clone()), reference: tf.keep(reference.clone()) };
}

/** Reads both sides back and compares them here, on the CPU (no GPU reduction in the checker itself). */
async function settle(pending: Pending[]): Promise<Difference[]> {
  const out: Difference[] = [];
  for (const { name, fused, reference } of pending) {
    const [a, b] = await Promise.all([fused.data(), reference.data()]);
    tf.dispose([fused, reference]);
    let maxAbs = a.length === b.length ? 0 : Infinity;
    let scale = 0;
    for (let i = 0; i < b.length; i++) {
      const gap = Math.abs(a[i] - b[i]);
      maxAbs = Number.isNaN(gap) ? Infinity : Math.max(maxAbs, gap);
      scale = Math.max(scale, Math.abs(b[i]));
    }
    out.push({ name, maxAbs, scale });
  }
  return out;
}

/** Values and gradients (of sum(out * weights), weights fixed random) of both ops with respect to `differentiable` inputs. */
function compare(name: string, fused: Op, reference: Op, inputs: Inputs, differentiable: number[]): Pending[] {
  let out: Pending[] = [];
  tf.tidy(() => {
    const run = (op: Op) => {
      const value = op(...inputs);
      const weights = tf.randomNormal(value.shape, 0, 1, 'float32', 7);
      const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(op(...inputs.map((input, i) => (differentiable.includes(i) ? xs[differentiable.indexOf(i)] : input))), weights)) as tf.Scalar;
      return { value, grads: tf.grads(loss)(differentiable.map((i) => inputs[i])) };
    };
    const a = run(fused);
    const b = run(reference);
    out = [difference(`${name} value`, a.value, b.value), ...differentiable.map((input, k) => difference(`${name} gradient of input ${input}`, a.grads[k], b.grads[k]))];
  });
  tf.dispose(inputs);
  return out;
}

/** Seeded normal values with mean `mean` and deviation `std`. */
const normal = (shape: number[], seed: number, std = 1, mean = 0) => tf.randomNormal(shape, mean, std, 'float32', seed);

function unfused<T>(run: () => T): T {
  setFusedKernels(false);
  try {
    return run();
  } finally {
    setFusedKernels(true);
  }
}

/** Each kernel against its composition; with `broken`, that kernel's gradient is made wrong first. */
function kernelDifferences(broken: FusedKernelName | null): Pending[] {
  breakFusedGradientForTests(broken);
  try {
    const ids = tf.tensor2d([[5, 6, 7, 8, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7, 9]], [2, 8], 'int32');
    const targets = tf.tensor1d(Array.from({ length: 40 }, (_, i) => (i * 37) % 300), 'int32');
    const out = [
      ...compare('matMul', (a, b) => fusedMatMul(a, b), (a, b) => unfused(() => matMul(a, b)), [normal([2, 3, 8, 16], 13), normal([2, 3, 16, 8], 14)], [0, 1]),
      ...compare('linear', (x, w, b) => fusedLinear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), (x, w, b) => unfused(() => linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D)), [normal([64, 48], 1), normal([48, 40], 2), normal([40], 3)], [0, 1, 2]),
      ...compare('linearGelu', (x, w, b) => fusedLinearGelu(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), (x, w, b) => unfused(() => gelu(linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D))), [normal([64, 32], 4), normal([32, 128], 5), normal([128], 6)], [0, 1, 2]),
      ...compare('layerNorm', (x, g, b) => fusedLayerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5), (x, g, b) => unfused(() => layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5)), [normal([64, 96], 8, 1, 3), normal([96], 9), normal([96], 10)], [0, 1, 2]),
      ...compare('crossEntropy', (z) => fusedTokenCrossEntropy(z as tf.Tensor2D, targets), (z) => unfused(() => tokenCrossEntropy(z as tf.Tensor2D, targets)), [normal([40, 300], 11, 4)], [0]),
      ...compare('maskedSoftmax', (s) => fusedMaskedSoftmax(s as tf.Tensor4D, ids, 0), (s) => tf.softmax(tf.add(s, attentionBias(ids, 0)), -1), [normal([2, 3, 8, 8], 12, 3)], [0]),
    ];
    // More rows than one dispatch axis holds (65,535 workgroups): tfjs spreads the rows over two axes.
    if (broken === null) {
      out.push(
        ...compare('layerNorm over 66,000 rows', (x, g, b) => fusedLayerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5), (x, g, b) => unfused(() => layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5)), [normal([66_000, 4], 15), normal([4], 16), normal([4], 17)], [0, 1, 2]),
      );
    }
    tf.dispose([ids, targets]);
    return out;
  } finally {
    breakFusedGradientForTests(null);
  }
}

/** The `nano` model's loss and every parameter's gradient, fused against unfused, for an LM and a classification batch. */
function modelDifferences(): Pending[] {
  const config = gptConfig('nano');
  const model = createGpt(config, 'fused-parity');
  const out: Pending[] = [];
  const objectives: [string, Objective, number][] = [['LM', { kind: 'lm' }, 24], ['classify', { kind: 'classify', loss: DEFAULT_OCC }, 20]];
  for (const [label, objective, length] of objectives) {
    const batch = syntheticBatch(config, 6, length, `fused-parity-${label}`);
    const groups = objective.kind === 'lm' ? STAGE_GROUPS.pretrain : STAGE_GROUPS.finetune;
    const names = paramSettings(model.params.keys(), groups).filter((s) => s.trainable).map((s) => s.name);
    const lossOf = (...values: tf.Tensor[]) => {
      const params = new Map<string, tf.Tensor>(model.params);
      names.forEach((name, i) => params.set(name, values[i]));
      return objectiveLoss(config, params, batch, objective);
    };
    const run = () => tf.valueAndGrads(lossOf)(names.map((n) => model.params.get(n)!));
    const fused = run();
    const reference = unfused(run);
    out.push(difference(`nano ${label} loss`, fused.value, reference.value));
    names.forEach((name, i) => out.push(difference(`nano ${label} gradient of ${name}`, fused.grads[i], reference.grads[i])));
    tf.dispose([fused.value, reference.value, ...fused.grads, ...reference.grads]);
  }
  for (const variable of model.params.values()) variable.dispose();
  return out;
}

/** Three AdamW steps (two clipped, one not; decaying and non-decaying parameters) from the same start, fused against unfused. */
function adamWDifferences(): Pending[] {
  const start = new Map<string, tf.Tensor>([['h0.mlp.fc.w', normal([32, 128], 20)], ['h0.mlp.fc.b', normal([128], 21)], ['wte', normal([64, 32], 22)]]);
  const run = () => {
    const params = new Map([...start].map(([name, value]) => [name, tf.variable(value)]));
    const optimizer = new AdamW(params, paramSettings(params.keys(), STAGE_GROUPS.pretrain));
    const norms: tf.Tensor[] = [];
    for (let step = 0; step < 3; step++) {
      const grads = new Map([...start].map(([name, value], i) => [name, normal(value.shape, 30 + 3 * step + i, 2)]));
      // The last step without clipping (clipNorm Infinity only measures the norm).
      const norm = tf.tidy(() => applyUpdate(grads, optimizer, { learningRate: 1e-2, clipNorm: step === 2 ? Infinity : 1 }));
      norms.push(norm);
      tf.dispose([...grads.values()]);
    }
    optimizer.dispose();
    const stacked = tf.stack(norms);
    tf.dispose(norms);
    return { params, norms: stacked };
  };
  const fused = run();
  const reference = unfused(run);
  const out = [difference('AdamW gradient norms', fused.norms, reference.norms)];
  for (const name of start.keys()) out.push(difference(`AdamW ${name} after 3 steps`, fused.params.get(name)!, reference.params.get(name)!));
  tf.dispose([...start.values(), fused.norms, reference.norms, ...fused.params.values(), ...reference.params.values()]);
  return out;
}

export interface ParityReport {
  backend: string;
  differences: Difference[];
  /** Tensors left over by the comparisons (0 when nothing leaks). */
  leakedTensors: number;
}

async function fusedKernelParity(broken: FusedKernelName | null = null): Promise<ParityReport> {
  await tf.setBackend('webgpu');
  await tf.ready();
  const before = tf.memory().numTensors;
  const pending = broken === null ? [...kernelDifferences(null), ...modelDifferences(), ...adamWDifferences()] : kernelDifferences(broken);
  const differences = await settle(pending);
  return { backend: tf.getBackend(), differences, leakedTensors: tf.memory().numTensors - before };
}

declare global {
  interface Window {
    fusedKernelParity: typeof fusedKernelParity;
  }
}
window.fusedKernelParity = fusedKernelParity;
