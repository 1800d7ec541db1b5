import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { benchmarkTraining } from './bench-methods';
import { InvalidOptionError } from './errors';
import { FUSED_KERNELS_BY_DEFAULT, fusedWebGpuKernels } from '../core/model/fused-switch';

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

  it('times a grade-classification step when asked: its loss is the OCC loss over three grades, not over the vocabulary', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const lm = await benchmarkTraining({ preset: 'nano', batch: 4, length: 8, steps: 1, warmup: 0 });
    const classify = await benchmarkTraining({ preset: 'nano', batch: 4, length: 8, steps: 1, warmup: 0, objective: 'classify' });
    // A fresh model's loss is near ln(classes): ln 256 for the LM, ln 3 for the grades.
    expect(lm.lastLoss).toBeGreaterThan(4);
    expect(classify.lastLoss).toBeLessThan(2);
    expect(tf.memory().numTensors).toBe(before);
    await expect(benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 1, warmup: 0, objective: 'rank' as never })).rejects.toThrow(/objective must be lm or classify/);
  });

  it('reads the loss once per lossEvery timed steps and reports the backend counts per step', async () => {
    await tf.setBackend('cpu');
    const windows = await benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 4, warmup: 1, lossEvery: 2 });
    expect(windows.perStep).toEqual({ reads: 0.5, gpuReads: null, dispatches: null, buffersCreated: null, bytesCreated: null, shaderCompilations: null });
    expect(windows.stepsMs[0]).toBe(windows.stepsMs[1]);
    expect(windows.stepsMs[2]).toBe(windows.stepsMs[3]);
    const everyStep = await benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 3, warmup: 0, lossEvery: 1 });
    expect(everyStep.perStep?.reads).toBe(1);
    await expect(benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 1, warmup: 0, lossEvery: 0 })).rejects.toThrow(/lossEvery must be a whole number from 1/);
  });

  it('names the option that is out of range', async () => {
    await expect(benchmarkTraining({ preset: 'huge', batch: 2, length: 8, steps: 1, warmup: 0 })).rejects.toThrow(InvalidOptionError);
    await expect(benchmarkTraining({ preset: 'nano', batch: 2, length: 65, steps: 1, warmup: 0 })).rejects.toThrow(/length must be a whole number from 2 to 64/);
    await expect(benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 1, warmup: 0, fusedKernels: 'no' as never })).rejects.toThrow(/fusedKernels must be true or false/);
  });

  it('runs with the fused webgpu kernels switched off, and leaves them at their default afterwards', async () => {
    await tf.setBackend('cpu');
    const off = await benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 1, warmup: 0, fusedKernels: false });
    const on = await benchmarkTraining({ preset: 'nano', batch: 2, length: 8, steps: 1, warmup: 0 });
    // On cpu the switch changes nothing: the same model, batch and step give the same loss.
    expect(off.lastLoss).toBe(on.lastLoss);
    expect(fusedWebGpuKernels('webgpu')).toBe(FUSED_KERNELS_BY_DEFAULT);
  });
});
