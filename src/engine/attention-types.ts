// The engine's look inside the model: the attention probabilities of one query-item pair, per
// layer and head, over the tokens of its relevance prompt. Types only: the page imports this file
// without loading tfjs.
import type { PlaygroundPair } from './playground-types';

export interface PairAttention {
  /** The prompt's tokens as text, in order ([BOS], [Q], query pieces, [I], item pieces, ..., [CLS]). */
  tokens: string[];
  layers: number;
  heads: number;
  /** Tokens in the prompt (cut to the model's context, keeping [CLS]). */
  length: number;
  /**
   * [layer][head][query][key], row-major (layers * heads * length * length): how much the token at
   * `query` reads the token at `key`. Each row sums to 1; keys after the query are 0 (causal).
   */
  weights: Float32Array;
}

export interface AttentionEngine {
  /** One forward pass of the pair through the checkpoint's model, keeping each block's attention probabilities. */
  pairAttention(checkpointId: string, pair: PlaygroundPair): Promise<PairAttention>;
}
