// What a training thread offers over Comlink, whatever hosts it (a Node worker thread or a
// browser worker started by the engine worker).

import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { shardGradients, type ShardGradients, type ShardRequest } from './shard-gradients';

export const gradientService = {
  /** The shard's loss and gradients; the gradient arrays are transferred, not copied. */
  gradients(request: ShardRequest): ShardGradients {
    const answer = shardGradients(request);
    return Comlink.transfer(answer, answer.grads.map((grad) => grad.buffer));
  },
  /** The tfjs backend this thread computes on. */
  backend(): string {
    return tf.getBackend();
  },
};

export type GradientService = typeof gradientService;
