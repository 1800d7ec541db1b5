// Match signals: what each token of a relevance prompt knows about the other side of the pair,
// as neural IR models' match channels give it (Duet's exact-match matrix, DRMM's histograms).
// A small model pretrained on a few thousand texts cannot learn "mower" meets "mowers" from its
// weights alone; told per token, it reads the comparison instead of having to discover it.
//
// Each token of a word gets a channel (see trainer/pair-matches.ts for how words are matched):
//    0          structure: special tokens, punctuation, padding, and all plain pretraining text
//    1 .. 5     a query word whose best match in the item is none / exact / stem / fuzzy / related
//    6 .. 10    an item word whose best match in the query is none / exact / stem / fuzzy / related
// The model adds a learned channel embedding (`wme`, [MATCH_CHANNELS, d]) to the token and position
// embeddings, and its classifier reads MATCH_FEATURES interaction features beside the pooled state.
//
// Channels travel inside the id sequences: a packed id is token + vocabSize * channel, so every
// path that carries ids (batching, training threads, run stores) carries the channels unchanged.
import * as tf from '@tensorflow/tfjs';
import { oneHotFloat } from './ops';

export const MATCH_KINDS = ['none', 'exact', 'stem', 'fuzzy', 'related'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
export type MatchSide = 'query' | 'item';

export const MATCH_CHANNELS = 1 + 2 * MATCH_KINDS.length;
/** Query shares of the five kinds, item shares of the five kinds, and "every query word found". */
export const MATCH_FEATURES = 2 * MATCH_KINDS.length + 1;

export const MATCH_FEATURE_NAMES: readonly string[] = [
  ...MATCH_KINDS.map((kind) => `query ${kind}`),
  ...MATCH_KINDS.map((kind) => `item ${kind}`),
  'all query words found',
];

export function matchChannel(side: MatchSide, kind: MatchKind): number {
  return 1 + (side === 'query' ? 0 : MATCH_KINDS.length) + MATCH_KINDS.indexOf(kind);
}

/** The largest packed id + 1 a model accepts: vocabSize, times the channels when it reads them. */
export function packedIdLimit(vocabSize: number, matchSignals: boolean | undefined): number {
  return matchSignals ? vocabSize * MATCH_CHANNELS : vocabSize;
}

export function packId(token: number, channel: number, vocabSize: number): number {
  return token + vocabSize * channel;
}

/** Token ids and channels of packed ids (channels all 0 for ids below vocabSize). */
export function unpackIds(ids: Int32Array, vocabSize: number): { tokens: Int32Array; channels: Int32Array } {
  const tokens = new Int32Array(ids.length);
  const channels = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const channel = Math.floor(ids[i] / vocabSize);
    channels[i] = channel;
    tokens[i] = ids[i] - channel * vocabSize;
  }
  return { tokens, channels };
}

/**
 * Interaction features [B, MATCH_FEATURES] from channels [B,T]: the share of the query's word
 * tokens of each match kind, the same for the item's, and 1 when no query word went unmatched.
 * Constants of the input: no gradient flows into them.
 */
export function matchFeatures(channels: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const counts = tf.sum(oneHotFloat(channels, MATCH_CHANNELS), 1) as tf.Tensor2D; // [B, C]
    const k = MATCH_KINDS.length;
    const query = tf.slice(counts, [0, 1], [-1, k]);
    const item = tf.slice(counts, [0, 1 + k], [-1, k]);
    const share = (part: tf.Tensor2D) => tf.div(part, tf.maximum(tf.sum(part, 1, true), 1));
    const queryTotal = tf.sum(query, 1, true);
    const unmatched = tf.slice(query, [0, 0], [-1, 1]);
    const allFound = tf.cast(tf.logicalAnd(tf.equal(unmatched, 0), tf.greater(queryTotal, 0)), 'float32');
    return tf.concat([share(query as tf.Tensor2D), share(item as tf.Tensor2D), allFound], 1) as tf.Tensor2D;
  });
}
