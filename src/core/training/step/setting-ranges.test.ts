import { describe, expect, it } from 'vitest';
import { LabError } from '../../errors';
import { rangeProblem, requireInRange, TRAINING_RANGES } from './setting-ranges';

describe('training setting ranges', () => {
  it('say which setting is out of range and what it must be', () => {
    expect(rangeProblem('learningRate', Number.MAX_VALUE, TRAINING_RANGES.learningRate)).toBe(
      `learningRate must be a number from 1e-8 to 1; got ${Number.MAX_VALUE}.`,
    );
    expect(rangeProblem('batchSize', 2.5, TRAINING_RANGES.batchSize)).toBe('batchSize must be a whole number from 1 to 4096; got 2.5.');
    expect(rangeProblem('epochs', 0, TRAINING_RANGES.epochs)).toBe('epochs must be a number above 0 and at most 10000; got 0.');
    expect(rangeProblem('learningRate', Number.NaN, TRAINING_RANGES.learningRate)).toMatch(/got NaN/);
    expect(rangeProblem('learningRate', '0.1', TRAINING_RANGES.learningRate)).toMatch(/got "0.1"/);
    expect(rangeProblem('clipNorm', Number.POSITIVE_INFINITY, TRAINING_RANGES.clipNorm)).toBeNull();
    expect(rangeProblem('learningRate', 1, TRAINING_RANGES.learningRate)).toBeNull();
  });

  it('throw the caller\'s named error with the setting and the range in its details', () => {
    class SomeInputError extends LabError {}
    expect(() => requireInRange('seed', -1, TRAINING_RANGES.seed, SomeInputError)).toThrow(SomeInputError);
    try {
      requireInRange('seed', -1, TRAINING_RANGES.seed, SomeInputError);
    } catch (error) {
      expect((error as SomeInputError).details).toEqual({ setting: 'seed', value: '-1', min: 0, max: 2 ** 32 - 1 });
    }
    expect(requireInRange('seed', 7, TRAINING_RANGES.seed, SomeInputError)).toBe(7);
  });
});
