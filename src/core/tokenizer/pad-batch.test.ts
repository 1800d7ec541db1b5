import { describe, expect, it } from 'vitest';
import { TokenizerConfigError } from './errors';
import { padBatch } from './pad-batch';

describe('padBatch', () => {
  it('pads on the right by default and records the real lengths', () => {
    const batch = padBatch([[5, 6, 7], [8]], 4, 0);
    expect(Array.from(batch.ids)).toEqual([5, 6, 7, 0, 8, 0, 0, 0]);
    expect(Array.from(batch.lengths)).toEqual([3, 1]);
  });

  it('pads on the left so every last token lands in the final column', () => {
    const batch = padBatch([[5, 6, 7], [8]], 4, 9, 'left');
    expect(Array.from(batch.ids)).toEqual([9, 5, 6, 7, 9, 9, 9, 8]);
  });

  it('rejects a sequence longer than the batch length, naming the row', () => {
    expect(() => padBatch([[1], [1, 2, 3]], 2, 0)).toThrow(TokenizerConfigError);
    expect(() => padBatch([[1], [1, 2, 3]], 2, 0)).toThrow(/sequence 1 has 3 tokens/);
  });
});
