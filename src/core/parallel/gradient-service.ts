// What a training thread offers over Comlink, whatever hosts it (a Node worker thread or a
// browser worker started by the engine worker).

import * as tf from '@tensorflow/tfjs';
import * as Comlink from 'comlink';
import { shardGradients, type ShardGradients, type ShardRequest } from './shard-gradients';
import { createShardInference, type InferenceAnswer, type InferenceRequest } from './shard-inference';

// The weights of the latest inference call, kept between its batches.
const inference = createShardInference();

export const gradientService = {
  /** The shard's loss and gradients; the gradient arrays are transferred, not copied. */
  gradients(request: ShardRequest): ShardGradients {
    const answer = shardGradients(request);
    return Comlink.transfer(answer, answer.grads.map((grad) => grad.buffer));
  },
  /** Logits (and pooled states) of one inference batch; the arrays are transferred, not copied. */
  infer(request: InferenceRequest): InferenceAnswer {
    const answer = inference.infer(request);
    if (answer.kind === 'missing-weights') return answer;
    return Comlink.transfer(answer, answer.pooled ? [answer.logits.buffer, answer.pooled.buffer] : [answer.logits.buffer]);
  },
  /** The tfjs backend this thread computes on. */
  backend(): string {
    return tf.getBackend();
  },
};

export type GradientService = typeof gradientService;
