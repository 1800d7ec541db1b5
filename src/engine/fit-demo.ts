// A small seeded regression: a one-hidden-layer tanh MLP fitted full-batch with Adam. It is the real
// long job that proves progress, pause, resume and cancel before the lab's own training exists.
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../core/random';
import { estimateEtaSeconds, type JobControl } from '../core/job/job-control';
import type { JobProgress } from '../core/job/progress';
import type { FitDemoOptions, FitDemoResult } from './types';
import { integerInRange, numberInRange } from './validate';

const INPUTS = 4;

function target(x: number[], noise: number): number {
  return Math.sin(2 * x[0]) + x[1] * x[2] - 0.5 * x[3] + noise;
}

function makeData(rng: Rng, samples: number): { xs: Float32Array; ys: Float32Array } {
  const xs = new Float32Array(samples * INPUTS);
  const ys = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = Array.from({ length: INPUTS }, () => 2 * rng.next() - 1);
    xs.set(x, i * INPUTS);
    ys[i] = target(x, 0.05 * rng.normal());
  }
  return { xs, ys };
}

/** tf.variable keeps its own reference to the data, so the initial tensor can go at once. */
function variableFrom(initial: tf.Tensor): tf.Variable {
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}

function gaussian(rng: Rng, count: number, scale: number): Float32Array {
  return Float32Array.from({ length: count }, () => rng.normal() * scale);
}

export function resolveFitDemoOptions(options: FitDemoOptions): Required<FitDemoOptions> {
  return {
    steps: integerInRange('steps', options.steps ?? 200, 1, 100_000),
    samples: integerInRange('samples', options.samples ?? 256, 8, 100_000),
    hidden: integerInRange('hidden', options.hidden ?? 16, 1, 1024),
    learningRate: numberInRange('learningRate', options.learningRate ?? 0.02, 0, 1),
    seed: integerInRange('seed', options.seed ?? 1, 0, 2 ** 32 - 1),
    progressIntervalMs: integerInRange('progressIntervalMs', options.progressIntervalMs ?? 100, 0, 60_000),
  };
}

export async function runFitDemo(
  options: FitDemoOptions,
  control: JobControl,
  report: (progress: JobProgress) => void,
): Promise<FitDemoResult> {
  const config = resolveFitDemoOptions(options);
  const rng = createRng(config.seed);
  const { xs, ys } = makeData(rng.fork('data'), config.samples);
  const init = rng.fork('weights');
  const x = tf.tensor2d(xs, [config.samples, INPUTS]);
  const y = tf.tensor2d(ys, [config.samples, 1]);
  const w1 = variableFrom(tf.tensor2d(gaussian(init, INPUTS * config.hidden, 1 / Math.sqrt(INPUTS)), [INPUTS, config.hidden]));
  const b1 = variableFrom(tf.zeros([config.hidden]));
  const w2 = variableFrom(tf.tensor2d(gaussian(init, config.hidden, 1 / Math.sqrt(config.hidden)), [config.hidden, 1]));
  const b2 = variableFrom(tf.zeros([1]));
  const optimizer = tf.train.adam(config.learningRate);
  const loss = () => tf.losses.meanSquaredError(y, tf.tanh(x.matMul(w1).add(b1)).matMul(w2).add(b2)) as tf.Scalar;

  const start = performance.now();
  let lastReport = -Infinity;
  let initialLoss = NaN;
  let finalLoss = NaN;
  try {
    for (let step = 1; step <= config.steps; step++) {
      await control.betweenSteps();
      const lossTensor = optimizer.minimize(loss, true, [w1, b1, w2, b2]) as tf.Scalar;
      finalLoss = (await lossTensor.data())[0];
      lossTensor.dispose();
      if (step === 1) initialLoss = finalLoss;
      const now = performance.now();
      if (step === 1 || step === config.steps || now - lastReport >= config.progressIntervalMs) {
        lastReport = now;
        const elapsedSeconds = control.activeSeconds();
        report({
          stage: 'fit-demo',
          step,
          total: config.steps,
          etaSeconds: estimateEtaSeconds(elapsedSeconds, step, config.steps),
          elapsedSeconds,
          figures: { loss: finalLoss },
        });
      }
    }
  } finally {
    tf.dispose([x, y, w1, b1, w2, b2]);
    optimizer.dispose();
  }
  return { backend: tf.getBackend(), steps: config.steps, initialLoss, finalLoss, ms: performance.now() - start };
}
