// The benchmark method group: training throughput on whatever backend the engine runs, so the
// same measurement serves Node (bench/train.ts in-process) and Chromium (the engine worker).
import * as tf from '@tensorflow/tfjs';
import { GPT_PRESETS, countParameters, createGpt, disposeGpt, gptConfig, type GptPresetName } from '../core/model/gpt';
import { AdamW } from '../core/training/step/adamw';
import { STAGE_GROUPS, paramSettings } from '../core/training/step/param-groups';
import { syntheticBatch } from '../core/training/step/synthetic-batch';
import { DEFAULT_OCC } from '../core/training/step/occ-config';
import type { Objective } from '../core/training/step/train-step';
import { countBackend, countsPerStep } from '../core/backend/backend-counters';
import { FUSED_KERNELS_BY_DEFAULT, setFusedKernels } from '../core/model/fused-switch';
import type { GradientPool } from '../core/parallel/gradient-pool';
import { queueParallelTrainStep } from '../core/parallel/parallel-step';
import { DEFAULT_LOSS_EVERY } from '../core/training/loop/loss-every';
import { disposeSteps, readSteps, type PendingStep } from '../core/training/step/step-readout';
import type { BenchEngine, TrainingBenchmarkOptions, TrainingBenchmarkResult } from './bench-types';
import { InvalidOptionError } from './errors';
import type { EngineContext } from './lab-engine';
import { integerInRange } from './validate';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function presetName(value: unknown): GptPresetName {
  if (typeof value !== 'string' || !(value in GPT_PRESETS)) {
    throw new InvalidOptionError(`preset must be one of ${Object.keys(GPT_PRESETS).join(', ')}; got ${String(value)}.`, {
      option: 'preset',
      value: String(value),
    });
  }
  return value as GptPresetName;
}

function benchObjective(value: unknown): Objective {
  if (value === undefined || value === 'lm') return { kind: 'lm' };
  if (value === 'classify') return { kind: 'classify', loss: DEFAULT_OCC };
  throw new InvalidOptionError(`objective must be lm or classify; got ${String(value)}.`, { option: 'objective', value: String(value) });
}

export async function benchmarkTraining(
  options: TrainingBenchmarkOptions,
  betweenSteps: () => Promise<void> = async () => undefined,
  pool: GradientPool | null = null,
): Promise<TrainingBenchmarkResult> {
  const preset = presetName(options.preset);
  const config = gptConfig(preset);
  const batchRows = integerInRange('batch', options.batch, 1, 1024);
  const length = integerInRange('length', options.length, 2, config.contextLength);
  const steps = integerInRange('steps', options.steps, 1, 10_000);
  const warmup = integerInRange('warmup', options.warmup, 0, 1000);
  const lossEvery = options.lossEvery === undefined ? DEFAULT_LOSS_EVERY : integerInRange('lossEvery', options.lossEvery, 1, 10_000);

  const objective = benchObjective(options.objective);
  if (options.fusedKernels !== undefined && typeof options.fusedKernels !== 'boolean') {
    throw new InvalidOptionError(`fusedKernels must be true or false; got ${String(options.fusedKernels)}.`, { option: 'fusedKernels', value: String(options.fusedKernels) });
  }
  setFusedKernels(options.fusedKernels ?? FUSED_KERNELS_BY_DEFAULT);
  const model = createGpt(config, 'bench');
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), objective.kind === 'lm' ? STAGE_GROUPS.pretrain : STAGE_GROUPS.finetune));
  const batch = syntheticBatch(config, batchRows, length, 'bench');
  // Through the engine's training threads when it has them (`pool`), like a training stage.
  const queue = () => queueParallelTrainStep(model, batch, objective, optimizer, { learningRate: 1e-4 }, pool);
  const step = async () => (await readSteps([await queue()]))[0];
  try {
    for (let i = 0; i < warmup; i++) {
      await step();
      await betweenSteps();
    }
    const stepsMs: number[] = [];
    let lastLoss = NaN;
    // As the trainer runs them: the loss is read once every `lossEvery` steps (and after the last).
    // Each such window is timed to the end of its read, so a queue the GPU is still working on counts.
    const counter = countBackend();
    let pending: PendingStep[] = [];
    try {
      let windowStart = performance.now();
      for (let i = 0; i < steps; i++) {
        pending.push(await queue());
        if (pending.length < lossEvery && i < steps - 1) continue;
        const window = pending;
        pending = [];
        lastLoss = (await readSteps(window)).at(-1)!.loss;
        const perStepMs = (performance.now() - windowStart) / window.length;
        for (let k = 0; k < window.length; k++) stepsMs.push(perStepMs);
        await betweenSteps();
        windowStart = performance.now();
      }
    } finally {
      counter.stop();
      disposeSteps(pending);
    }
    const residentBytes = tf.memory().numBytes;
    const profile = await tf.profile(async () => {
      await step();
    });
    const stepMs = median(stepsMs);
    return {
      backend: tf.getBackend(),
      preset,
      parameters: countParameters(config).total,
      batch: batchRows,
      length,
      tokensPerSecond: (batchRows * length * 1000) / stepMs,
      stepMs,
      stepsMs,
      peakBytes: profile.peakBytes,
      residentBytes,
      lastLoss,
      trainingThreads: pool ? pool.threads + 1 : 1,
      perStep: countsPerStep(counter.counts(), steps),
      dispatchesByProgram: Object.fromEntries(Object.entries(counter.dispatchesByProgram()).map(([name, n]) => [name, n / steps])),
    };
  } finally {
    optimizer.dispose();
    disposeGpt(model);
    setFusedKernels(FUSED_KERNELS_BY_DEFAULT);
  }
}

export function createBenchMethods(context: EngineContext): BenchEngine {
  return {
    async benchmarkTraining(options) {
      context.requireInfo('benchmarkTraining');
      const label = `training benchmark (${String(options?.preset)})`;
      return context.slot.run(label, (control) => benchmarkTraining(options, () => control.betweenSteps(), context.trainingPool()));
    },
  };
}
