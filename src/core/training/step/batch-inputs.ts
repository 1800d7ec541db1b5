// A batch's arrays as the model's input tensors. Ids of a model with match signals are packed
// (token + vocabSize * channel, model/match-signals.ts) and are split here, on the JS side.
import * as tf from '@tensorflow/tfjs';
import type { GptConfig, GptInputs } from '../../model/gpt';
import { unpackIds } from '../../model/match-signals';
import type { TokenBatch } from './train-step';

/** ids [rows, length], channels when the model reads them, pooledIndex when the batch has it. Call inside tf.tidy. */
export function batchInputs(config: GptConfig, batch: TokenBatch): GptInputs {
  const shape: [number, number] = [batch.rows, batch.length];
  const inputs: GptInputs = config.matchSignals
    ? (() => {
        const { tokens, channels } = unpackIds(batch.ids, config.vocabSize);
        return { ids: tf.tensor2d(tokens, shape, 'int32'), channels: tf.tensor2d(channels, shape, 'int32') };
      })()
    : { ids: tf.tensor2d(batch.ids, shape, 'int32') };
  if (batch.pooledIndex) inputs.pooledIndex = tf.tensor1d(batch.pooledIndex, 'int32');
  return inputs;
}
