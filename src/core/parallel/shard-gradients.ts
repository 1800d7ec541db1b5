// The loss and gradients of one batch shard, for parameters given as plain arrays: what a
// training thread computes. Used on the helper side of a gradient pool (gradient-service.ts)
// and by its tests as the single-thread reference.

import * as tf from '@tensorflow/tfjs';
import type { GptConfig, ParamMap } from '../model/gpt';
import { objectiveLoss, type Objective, type TokenBatch } from '../training/step/train-step';
import { ShardMismatchError } from './errors';

export interface ShardRequest {
  config: GptConfig;
  /** Every parameter of the model, by name, with its shape. */
  params: { name: string; shape: number[]; values: Float32Array }[];
  /** Names of the parameters to differentiate, in the order of the answer's grads. */
  trainable: string[];
  batch: TokenBatch;
  objective: Objective;
  dropoutSeed?: number;
}

export interface ShardGradients {
  loss: number;
  /** One array per trainable name, in request order. */
  grads: Float32Array[];
}

/** Loss and gradients of `trainable` on one batch, for parameters the caller owns (this thread's shard). */
export function lossAndGradients(
  config: GptConfig, params: ParamMap, trainable: readonly string[], batch: TokenBatch, objective: Objective, dropoutSeed?: number,
): ShardGradients {
  const missing = trainable.filter((name) => !params.has(name));
  if (missing.length > 0) throw new ShardMismatchError(`Shard gradients: no values for ${missing.join(', ')}.`, { missing });
  const [value, grads] = tf.tidy(() => {
    const lossOf = (...values: tf.Tensor[]): tf.Scalar => {
      const all = new Map(params);
      trainable.forEach((name, i) => all.set(name, values[i]));
      return objectiveLoss(config, all, batch, objective, { training: true, dropoutSeed });
    };
    const result = tf.valueAndGrads(lossOf)(trainable.map((name) => params.get(name)!));
    return [result.value, result.grads] as const;
  });
  // Read outside tf.tidy: tidy walks a returned object's contents, element by element for typed arrays.
  try {
    return { loss: value.dataSync()[0], grads: grads.map((g) => (g.dataSync() as Float32Array).slice()) };
  } finally {
    value.dispose();
    tf.dispose(grads);
  }
}

/** A helper's shard: the same, for parameters sent as arrays. */
export function shardGradients(request: ShardRequest): ShardGradients {
  const params = new Map(request.params.map(({ name, shape, values }) => [name, tf.tensor(values, shape, 'float32')]));
  try {
    return lossAndGradients(request.config, params, request.trainable, request.batch, request.objective, request.dropoutSeed);
  } finally {
    tf.dispose([...params.values()]);
  }
}

/** Copies of every parameter's values, to send to a helper (the arrays are transferred, not shared). */
export function paramArrays(params: ParamMap): ShardRequest['params'] {
  return [...params].map(([name, value]) => ({ name, shape: value.shape, values: (value.dataSync() as Float32Array).slice() }));
}
