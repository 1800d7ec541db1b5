// Classifier logits and pooled states of one padded batch: what the caller's thread and each helper
// compute when inference is spread over a gradient pool (parallel-inference.ts). A helper keeps the
// last weights it was sent, under the key the caller named them by, so one inference call sends the
// weights to a helper once rather than with every batch.

import * as tf from '@tensorflow/tfjs';
import { classify, type GptConfig, type ParamMap } from '../model/gpt';
import { batchInputs } from '../training/step/batch-inputs';
import type { TokenBatch } from '../training/step/train-step';
import type { ShardRequest } from './shard-gradients';
import { ShardMismatchError } from './errors';

export type ParamArrays = ShardRequest['params'];

export interface InferenceRequest {
  config: GptConfig;
  /** Names the weights: a key never names two different sets of values (a fresh key per inference call). */
  weightsKey: string;
  /** The weights under weightsKey; omitted when the helper should already hold them. */
  params?: ParamArrays;
  /** Right-padded rows with pooledIndex (trainer/batching.ts padRows). */
  batch: TokenBatch;
  /** Whether to return the pooled states too. */
  pooled: boolean;
}

export interface BatchRows {
  /** [rows, numClasses] row-major. */
  logits: Float32Array;
  /** [rows, dModel] row-major, when asked for. */
  pooled: Float32Array | null;
}

/** The helper's answer: the rows, or word that it holds no weights under the request's key. */
export type InferenceAnswer = ({ kind: 'rows' } & BatchRows) | { kind: 'missing-weights' };

/** The batch's logits and pooled states as tensors the caller disposes. */
function classifyBatch(config: GptConfig, params: ParamMap, batch: TokenBatch): [tf.Tensor2D, tf.Tensor2D] {
  const { pooledIndex } = batch;
  if (!pooledIndex) throw new ShardMismatchError('Batch inference: the batch has no pooledIndex (the [CLS] position of each row).');
  return tf.tidy(() => {
    const out = classify(config, params, batchInputs(config, batch));
    return [out.logits, out.pooled];
  });
}

/** One batch on this thread, read asynchronously (a GPU backend need not stall). */
export async function inferBatch(config: GptConfig, params: ParamMap, batch: TokenBatch, pooled: boolean): Promise<BatchRows> {
  const [logits, states] = classifyBatch(config, params, batch);
  try {
    const [z, h] = await Promise.all([logits.data<'float32'>(), pooled ? states.data<'float32'>() : null]);
    return { logits: z, pooled: h };
  } finally {
    logits.dispose();
    states.dispose();
  }
}

/** One batch on a helper thread; the arrays are copies the helper can transfer. */
export function inferBatchSync(config: GptConfig, params: ParamMap, batch: TokenBatch, pooled: boolean): BatchRows {
  const [logits, states] = classifyBatch(config, params, batch);
  // Read outside tf.tidy: tidy walks a returned object's contents, element by element for typed arrays.
  try {
    return {
      logits: (logits.dataSync() as Float32Array).slice(),
      pooled: pooled ? (states.dataSync() as Float32Array).slice() : null,
    };
  } finally {
    logits.dispose();
    states.dispose();
  }
}

/** A helper's inference: keeps one set of weights between calls, replaced whenever a request brings some. */
export function createShardInference(): { infer(request: InferenceRequest): InferenceAnswer; dispose(): void } {
  let held: { key: string; params: Map<string, tf.Tensor> } | null = null;
  const drop = () => {
    if (held) tf.dispose([...held.params.values()]);
    held = null;
  };
  return {
    infer(request) {
      if (request.params) {
        drop();
        const params = new Map<string, tf.Tensor>();
        try {
          for (const { name, shape, values } of request.params) params.set(name, tf.tensor(values, shape, 'float32'));
        } catch (error) {
          tf.dispose([...params.values()]);
          throw error;
        }
        held = { key: request.weightsKey, params };
      }
      if (!held || held.key !== request.weightsKey) return { kind: 'missing-weights' };
      return { kind: 'rows', ...inferBatchSync(request.config, held.params, request.batch, request.pooled) };
    },
    dispose: drop,
  };
}
