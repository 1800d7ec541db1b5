import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { benchmarkTraining } from './bench-methods';
import { InvalidOptionError } from './errors';

describe('training benchmark', () => {
  it('times the requested steps of a nano model and frees every tensor it made', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const result = await benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 3, warmup: 1 });
    expect(result.stepsMs).toHaveLength(3);
    expect(result.stepMs).toBe([...result.stepsMs].sort((a, b) => a - b)[1]);
    expect(result.tokensPerSecond).toBeCloseTo((2 * 8 * 1000) / result.stepMs, 6);
    expect(result.lastLoss).toBeGreaterThan(0);
    expect(result.peakBytes).toBeGreaterThan(result.residentBytes);
    expect(result.backend).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the option that is out of range', async () => {
    await expect(benchmarkTraining({ preset: 'huge', batch: 2, length: 8, steps: 1, warmup: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(benchmarkTraining({ preset: 'nano', batch: 2, length: 65, steps: 1, warmup: 0 })).rejects.toThrow(/length must be a whole number from 2 to 64/);
  });
});
