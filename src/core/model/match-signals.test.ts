import { describe, expect, it } from 'vitest';
import { MATCH_CHANNELS, matchChannel, packId, packedIdLimit, unpackIds } from './match-signals';

describe('match channels', () => {
  it('numbers the channels: structure, five query kinds, five item kinds', () => {
    expect(MATCH_CHANNELS).toBe(11);
    expect(matchChannel('query', 'none')).toBe(1);
    expect(matchChannel('query', 'related')).toBe(5);
    expect(matchChannel('item', 'none')).toBe(6);
    expect(matchChannel('item', 'exact')).toBe(7);
    expect(packedIdLimit(100, true)).toBe(1100);
    expect(packedIdLimit(100, false)).toBe(100);
  });

  it('packs channels into ids and unpacks them exactly', () => {
    const packed = Int32Array.from([packId(0, 0, 100), packId(99, 10, 100), packId(42, 3, 100)]);
    const { tokens, channels } = unpackIds(packed, 100);
    expect([...tokens]).toEqual([0, 99, 42]);
    expect([...channels]).toEqual([0, 10, 3]);
  });
});
