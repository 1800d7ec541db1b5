import { describe, expect, it } from 'vitest';
import type { PairAttention } from '../../engine/attention-types';
import { attentionMap, tokenLabel, topKeys } from './attention-math';

// 2 layers, 2 heads, 2 tokens: map m holds [1, 0, a_m, 1 - a_m].
const a = [0.1, 0.3, 0.6, 0.8];
const ATTENTION: PairAttention = {
  tokens: ['[BOS]', ' term'],
  layers: 2,
  heads: 2,
  length: 2,
  weights: Float32Array.from(a.flatMap((value) => [1, 0, value, 1 - value])),
};

describe('attention maps on the page', () => {
  it('takes one layer and head in [layer][head][query][key] order, or the mean of a layer\'s heads', () => {
    expect(Array.from(attentionMap(ATTENTION, 1, 0))).toEqual([1, 0, Math.fround(0.6), Math.fround(0.4)]);
    const mean = attentionMap(ATTENTION, 0, 'mean');
    expect(mean[2]).toBeCloseTo(0.2, 6);
    expect(mean[0] + mean[1]).toBeCloseTo(1, 6);
  });

  it('names the keys a position reads most, heaviest first', () => {
    const map = attentionMap(ATTENTION, 1, 1);
    expect(topKeys(map, 2, 1, ATTENTION.tokens).map((key) => [key.token, Number(key.weight.toFixed(2))])).toEqual([['[BOS]', 0.8], [' term', 0.2]]);
    expect(topKeys(map, 2, 0, ATTENTION.tokens, 1)).toEqual([{ index: 0, token: '[BOS]', weight: 1 }]);
  });

  it('writes tokens readably on the axes', () => {
    expect(tokenLabel(' term')).toBe('·term');
    expect(tokenLabel('a\tb\n')).toBe('a␣b␣');
    expect(tokenLabel('abcdefghijklmnop')).toBe('abcdefghijk…');
  });
});
