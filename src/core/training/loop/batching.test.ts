import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { batchesPerEpoch, epochBatches, inferenceBatches, padRows, realTokens } from './batching';

const rng = createRng('lengths');
const lengths = Array.from({ length: 203 }, () => 3 + rng.int(60));
const sequences = lengths.map((length, i) => Int32Array.from({ length }, (_, t) => (t === length - 1 ? 1 : 2 + ((i + t) % 50))));
const PAD = 0;

function paddingShare(batches: number[][]): number {
  let padded = 0;
  let real = 0;
  for (const batch of batches) {
    const longest = Math.max(...batch.map((i) => lengths[i]));
    padded += longest * batch.length;
    real += batch.reduce((sum, i) => sum + lengths[i], 0);
  }
  return 1 - real / padded;
}

describe('bucketed batches', () => {
  it('use every example exactly once per epoch, in ceil(N / B) batches of at most B', () => {
    for (const epoch of [0, 1, 7]) {
      const batches = epochBatches(lengths, epoch, { batchSize: 16, seed: 3 });
      expect(batches).toHaveLength(batchesPerEpoch(lengths.length, 16));
      expect(batches.every((b) => b.length >= 1 && b.length <= 16)).toBe(true);
      expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    }
  });

  it('are reproducible from (seed, epoch) and differ across epochs and seeds', () => {
    const a = epochBatches(lengths, 2, { batchSize: 16, seed: 3 });
    expect(epochBatches(lengths, 2, { batchSize: 16, seed: 3 })).toEqual(a);
    expect(epochBatches(lengths, 3, { batchSize: 16, seed: 3 })).not.toEqual(a);
    expect(epochBatches(lengths, 2, { batchSize: 16, seed: 4 })).not.toEqual(a);
  });

  it('pad much less than random batches (rows of similar length share a batch)', () => {
    const bucketed = epochBatches(lengths, 0, { batchSize: 16, seed: 3 });
    const shuffled = createRng('random').shuffle(lengths.map((_, i) => i));
    const random = Array.from({ length: Math.ceil(shuffled.length / 16) }, (_, b) => shuffled.slice(b * 16, b * 16 + 16));
    expect(paddingShare(bucketed)).toBeLessThan(paddingShare(random) / 3);
  });

  it('with one chunk of everything are sorted globally; with chunks of one batch they are plain shuffles', () => {
    const sorted = epochBatches(lengths, 0, { batchSize: 10, seed: 1, chunkBatches: 1000 });
    for (const batch of sorted) {
      const own = batch.map((i) => lengths[i]);
      expect(Math.max(...own) - Math.min(...own)).toBeLessThanOrEqual(6);
    }
    expect(paddingShare(epochBatches(lengths, 0, { batchSize: 10, seed: 1, chunkBatches: 1 }))).toBeGreaterThan(paddingShare(sorted));
  });

  it('rejects a bad batch size and empty data', () => {
    expect(() => epochBatches(lengths, 0, { batchSize: 0, seed: 1 })).toThrow(/batch size/);
    expect(() => epochBatches([], 0, { batchSize: 4, seed: 1 })).toThrow(/no examples/);
  });
});

describe('padRows', () => {
  it('pads each batch on the right to its own longest row and points pooledIndex at the last real token', () => {
    const labels = Int32Array.from(lengths, (l) => l % 3);
    for (const indices of epochBatches(lengths, 0, { batchSize: 8, seed: 9 }).slice(0, 5)) {
      const batch = padRows(sequences, indices, PAD, labels);
      const longest = Math.max(...indices.map((i) => lengths[i]));
      expect(batch.length).toBe(longest);
      expect(batch.rows).toBe(indices.length);
      indices.forEach((index, row) => {
        const rowIds = Array.from(batch.ids.subarray(row * longest, (row + 1) * longest));
        expect(rowIds.slice(0, lengths[index])).toEqual(Array.from(sequences[index]));
        expect(rowIds.slice(lengths[index]).every((id) => id === PAD)).toBe(true);
        expect(batch.pooledIndex![row]).toBe(lengths[index] - 1);
        expect(rowIds[batch.pooledIndex![row]]).toBe(1);
        expect(batch.labels![row]).toBe(labels[index]);
      });
      expect(realTokens(batch)).toBe(indices.reduce((sum, i) => sum + lengths[i], 0));
    }
  });

  it('leaves labels out when none are given', () => {
    expect(padRows(sequences, [0, 1], PAD).labels).toBeUndefined();
  });
});

describe('inferenceBatches', () => {
  it('cover every index once, sorted by length', () => {
    const batches = inferenceBatches(lengths, 32);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    const flat = batches.flat().map((i) => lengths[i]);
    expect(flat).toEqual([...flat].sort((a, b) => a - b));
  });
});
