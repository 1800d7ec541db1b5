import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleTensors, chunkCountFor, chunkTensors, layoutTensors } from './layout';
import { CorruptStoredDataError, InvalidStoreInputError } from '../errors';
import { sameTensors, sampleCheckpoint } from '../test-support';

describe('checkpoint layout', () => {
  it('cuts the tensors into chunks no larger than the bound and rebuilds them exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 0, maxLength: 6 }), fc.integer({ min: 4, max: 700 }), fc.nat(), (counts, chunkBytes, seed) => {
        const { tensors } = sampleCheckpoint('x', seed, counts);
        const { index, totalBytes } = layoutTensors(tensors, 'test');
        expect(totalBytes).toBe(counts.reduce((sum, count) => sum + 4 * count, 0));
        const chunks = [...chunkTensors(tensors, totalBytes, chunkBytes)];
        expect(chunks.length).toBe(chunkCountFor(totalBytes, chunkBytes));
        expect(chunks.every((chunk, at) => chunk.byteLength === (at < chunks.length - 1 ? chunkBytes : totalBytes - chunkBytes * (chunks.length - 1)))).toBe(true);
        expect(sameTensors(assembleTensors(index, chunks, totalBytes, 'test'), tensors)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('reads tensors that are views into a larger buffer', () => {
    const backing = new Float32Array([1, 2, 3, 4, 5, 6]);
    const tensors = [{ name: 'view', dtype: 'float32' as const, shape: [2, 2], data: backing.subarray(1, 5) }];
    const { index, totalBytes } = layoutTensors(tensors, 'test');
    const rebuilt = assembleTensors(index, [...chunkTensors(tensors, totalBytes, 6)], totalBytes, 'test');
    expect(Array.from(rebuilt[0].data)).toEqual([2, 3, 4, 5]);
  });

  it('refuses duplicate names and data that disagree with the shape', () => {
    const { tensors } = sampleCheckpoint('x', 1, [2, 2]);
    expect(() => layoutTensors([tensors[0], tensors[0]], 'checkpoint "a"')).toThrow(InvalidStoreInputError);
    expect(() => layoutTensors([tensors[0], tensors[0]], 'checkpoint "a"')).toThrow(/tensor name "layer0.weight" appears twice/);
    const wrong = { ...tensors[0], shape: [3] };
    expect(() => layoutTensors([wrong], 'checkpoint "a"')).toThrow(/shape \[3\] has 3 elements but the data has 2/);
  });

  it('says when stored chunks do not add up to the manifest', () => {
    const { tensors } = sampleCheckpoint('x', 1, [4]);
    const { index, totalBytes } = layoutTensors(tensors, 'test');
    const chunks = [...chunkTensors(tensors, totalBytes, 8)];
    expect(() => assembleTensors(index, chunks.slice(0, 1), totalBytes, 'checkpoint "a"')).toThrow(CorruptStoredDataError);
  });
});
