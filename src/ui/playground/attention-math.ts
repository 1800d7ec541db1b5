// Reading the engine's attention array ([layer][head][query][key], row-major): one map, the mean of
// a layer's heads, the tokens a position reads most, and how a token is written on the map's axes.
import type { PairAttention } from '../../engine/attention-types';

/** The [query][key] map of one layer and head, or the mean over the layer's heads ('mean'). */
export function attentionMap(attention: PairAttention, layer: number, head: number | 'mean'): Float32Array {
  const { heads, length, weights } = attention;
  const size = length * length;
  if (head !== 'mean') return weights.slice((layer * heads + head) * size, (layer * heads + head + 1) * size);
  const mean = new Float32Array(size);
  for (let h = 0; h < heads; h++) {
    const start = (layer * heads + h) * size;
    for (let i = 0; i < size; i++) mean[i] += weights[start + i] / heads;
  }
  return mean;
}

export interface ReadToken {
  index: number;
  token: string;
  weight: number;
}

/** The `count` keys the query row reads most, heaviest first (ties by position). */
export function topKeys(map: Float32Array, length: number, query: number, tokens: readonly string[], count = 3): ReadToken[] {
  const row = Array.from(map.subarray(query * length, (query + 1) * length), (weight, index) => ({ index, token: tokens[index], weight }));
  return row.sort((a, b) => b.weight - a.weight || a.index - b.index).slice(0, count);
}

/** A token as the axes show it: a leading space as "·", control characters as "␣", at most 12 characters. */
export function tokenLabel(token: string): string {
  const shown = token.replace(/^ /, '·').replace(/[\s\u0000-\u001f]/g, '␣');
  return shown.length > 12 ? `${shown.slice(0, 11)}…` : shown;
}
