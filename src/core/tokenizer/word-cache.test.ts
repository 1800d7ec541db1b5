import { describe, expect, it } from 'vitest';
import { WordCache } from './word-cache';

describe('WordCache', () => {
  it('never holds more than its capacity and keeps recently used words', () => {
    const cache = new WordCache(10);
    cache.set('hot', [1]);
    for (let i = 0; i < 100; i++) {
      cache.set(`w${i}`, [i]);
      expect(cache.get('hot')).toEqual([1]);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    expect(cache.get('w0')).toBeUndefined();
    expect(cache.get('w99')).toEqual([99]);
  });

  it('holds nothing with capacity 0', () => {
    const cache = new WordCache(0);
    cache.set('a', [1]);
    expect(cache.get('a')).toBeUndefined();
  });
});
