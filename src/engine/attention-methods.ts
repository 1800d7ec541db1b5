// The attention maps of one pair, computed in the engine worker with the playground's loaded model
// (model/gpt.ts attentionProbabilities): the prompt encoded as scoring encodes it, one forward pass,
// every block's [heads, T, T] probabilities read back in one array.
import * as tf from '@tensorflow/tfjs';
import { attentionProbabilities } from '../core/model/gpt';
import { unpackIds } from '../core/model/match-signals';
import { batchInputs } from '../core/training/step/batch-inputs';
import { padRows } from '../core/training/loop/batching';
import { encodePairs } from '../core/training/loop/encode';
import { pairMatchingFor } from '../core/training/loop/pair-matches';
import type { AttentionEngine } from './attention-types';
import { checkPair } from './playground-pair';
import type { PlaygroundSession } from './playground-session';

export function createAttentionMethods(session: PlaygroundSession): AttentionEngine {
  return {
    async pairAttention(checkpointId, pair) {
      session.context.requireInfo('pairAttention');
      const checked = checkPair(pair);
      return session.job('attention of a pair', async () => {
        const { model, tokenizer } = await session.model(checkpointId);
        const { config } = model;
        const [sequence] = encodePairs(tokenizer, [checked], config.contextLength, pairMatchingFor(config));
        const length = sequence.length;
        const stacked = tf.tidy(() => {
          const inputs = batchInputs(config, padRows([sequence], [0], config.padId));
          return tf.stack(attentionProbabilities(config, model.params, inputs).map((layer) => tf.squeeze(layer, [0])));
        });
        try {
          const weights = await stacked.data<'float32'>();
          const { tokens } = config.matchSignals ? unpackIds(sequence, config.vocabSize) : { tokens: sequence };
          return { tokens: Array.from(tokens, (id) => tokenizer.decode([id])), layers: config.nLayers, heads: config.nHeads, length, weights };
        } finally {
          stacked.dispose();
        }
      });
    },
  };
}
