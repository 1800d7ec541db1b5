// One optimisation step with the batch split across the caller's thread and a gradient pool's
// helpers: same loss, gradients (up to float rounding), clipping and AdamW update as trainStep.

import * as tf from '@tensorflow/tfjs';
import type { Gpt } from '../model/gpt';
import type { AdamW } from '../training/step/adamw';
import { readSteps, type PendingStep } from '../training/step/step-readout';
import { applyUpdate, queueTrainStep, validateBatch, type Objective, type StepOptions, type StepResult, type TokenBatch } from '../training/step/train-step';
import { checkSameBackend, type GradientPool } from './gradient-pool';
import { shardBatch } from './shard-batch';
import { lossAndGradients, paramArrays } from './shard-gradients';
import { ShardMismatchError } from './errors';

/** Dropout masks of shard s > 0 come from their own seed (shard 0 keeps the step's). */
function shardSeed(seed: number | undefined, shard: number): number | undefined {
  return seed === undefined || shard === 0 ? seed : seed + shard * 1_000_003;
}

/** parallelTrainStep with its loss and gradient norm read back (one read). */
export async function parallelTrainStep(
  model: Gpt, batch: TokenBatch, objective: Objective, optimizer: AdamW, options: StepOptions, pool: GradientPool | null,
): Promise<StepResult> {
  return (await readSteps([await queueParallelTrainStep(model, batch, objective, optimizer, options, pool)]))[0];
}

/**
 * The step on the pool when it has helpers and the batch more than one row; queueTrainStep otherwise.
 * The gradient norm stays on the device; with helpers the loss is a number (the shards' losses come
 * back with their gradients, which the pool needs on the CPU anyway).
 */
export async function queueParallelTrainStep(
  model: Gpt, batch: TokenBatch, objective: Objective, optimizer: AdamW, options: StepOptions, pool: GradientPool | null,
): Promise<PendingStep> {
  if (!pool || pool.threads < 1 || batch.rows < 2) return queueTrainStep(model, batch, objective, optimizer, options);
  validateBatch(batch, model.config, objective);
  checkSameBackend(pool, tf.getBackend(), 'Training');
  await pool.ready();
  const names = optimizer.trainableNames;
  const shards = shardBatch(batch, objective, pool.threads + 1, model.config.padId);
  const pending = shards.slice(1).map((shard, i) =>
    pool.gradients(i, { config: model.config, params: paramArrays(model.params), trainable: [...names], batch: shard.batch, objective, dropoutSeed: shardSeed(options.dropoutSeed, i + 1) }));
  // This thread's shard, while the helpers compute theirs.
  const own = lossAndGradients(model.config, model.params, names, shards[0].batch, objective, options.dropoutSeed);
  const answers = [own, ...(await Promise.all(pending))];

  let loss = 0;
  const sums = names.map((_, j) => new Float32Array(own.grads[j].length));
  answers.forEach((answer, s) => {
    const w = shards[s].weight;
    loss += w * answer.loss;
    answer.grads.forEach((grad, j) => {
      const sum = sums[j];
      if (grad.length !== sum.length) throw new ShardMismatchError(`Gradient pool: shard ${s} gave ${grad.length} values for "${names[j]}", expected ${sum.length}.`, { shard: s, param: names[j] });
      for (let k = 0; k < sum.length; k++) sum[k] += w * grad[k];
    });
  });
  const norm = tf.tidy(() => {
    const grads = new Map(names.map((name, j) => [name, tf.tensor(sums[j], model.params.get(name)!.shape, 'float32')]));
    return applyUpdate(grads, optimizer, options);
  });
  return { loss, gradNorm: norm };
}
