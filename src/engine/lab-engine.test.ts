import { beforeAll, describe, expect, it } from 'vitest';
import { BackendUnavailableError, UnknownBackendError } from '../core/backend/errors';
import { BusyError, CancelledError } from '../core/job/errors';
import { EngineNotReadyError, InvalidOptionError, UnknownFlagError } from './errors';
import { createNodeLabEngine } from './node-engine';
import type { JobProgress } from '../core/job/progress';

describe('LabEngine before init', () => {
  it('refuses work with EngineNotReadyError', async () => {
    const engine = createNodeLabEngine();
    await expect(engine.memory()).rejects.toBeInstanceOf(EngineNotReadyError);
    await expect(engine.fitDemo({ steps: 1 })).rejects.toThrow('Call init() before fitDemo()');
  });
});

describe('LabEngine in Node', () => {
  const engine = createNodeLabEngine();

  beforeAll(async () => {
    await engine.init();
  });

  it('chooses wasm automatically and says why', async () => {
    const info = await engine.backendInfo();
    expect(info).toMatchObject({ backend: 'wasm', requested: 'auto', forced: false, threads: 1 });
    expect(info.probe.host).toBe('node');
    expect(info.reason).toMatch(/using wasm with SIMD and 1 thread/);
    expect(info.tfjsVersion).toBe('4.22.0');
  });

  it('rejects unknown and unavailable backends with named errors', async () => {
    await expect(engine.init({ backend: 'nonsense' })).rejects.toBeInstanceOf(UnknownBackendError);
    await expect(engine.init({ backend: 'webgpu' })).rejects.toBeInstanceOf(BackendUnavailableError);
    expect((await engine.backendInfo()).backend).toBe('wasm');
  });

  it('agrees with the cpu backend on a matMul', async () => {
    const check = await engine.matMulCheck(33, { seed: 3 });
    expect(check).toMatchObject({ backend: 'wasm', n: 33, gpuPipelines: null });
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    expect(check.ms).toBeGreaterThan(0);
    await expect(engine.matMulCheck(0)).rejects.toBeInstanceOf(InvalidOptionError);
  });

  it('benchmarks matMul sizes with a median per size', async () => {
    const timings = await engine.benchmarkMatMul([8, 32], 3);
    expect(timings.map((timing) => timing.n)).toEqual([8, 32]);
    for (const timing of timings) {
      expect(timing.runsMs).toHaveLength(3);
      expect(timing.medianMs).toBe([...timing.runsMs].sort((a, b) => a - b)[1]);
    }
  });

  it('fits the demo regression, reports progress and leaks no tensors', async () => {
    const before = (await engine.memory()).numTensors;
    const progress: JobProgress[] = [];
    const result = await engine.fitDemo({ steps: 60, progressIntervalMs: 0, seed: 5 }, (p) => void progress.push(p));
    expect(result.backend).toBe('wasm');
    expect(result.finalLoss).toBeLessThan(result.initialLoss * 0.7);
    expect(progress).toHaveLength(60);
    expect(progress.at(-1)).toMatchObject({ stage: 'fit-demo', step: 60, total: 60, etaSeconds: 0 });
    expect(progress[0].figures.loss).toBeCloseTo(result.initialLoss, 5);
    expect((await engine.memory()).numTensors).toBe(before);
  });

  it('gives the same losses for the same seed, on wasm and on cpu', async () => {
    const wasm = await engine.fitDemo({ steps: 20, seed: 9 });
    await engine.init({ backend: 'cpu' });
    const cpu = await engine.fitDemo({ steps: 20, seed: 9 });
    await engine.init({ backend: 'wasm' });
    expect(cpu.backend).toBe('cpu');
    expect(cpu.finalLoss).toBeCloseTo(wasm.finalLoss, 4);
  });

  it('runs one job at a time, and cancel stops within one step', async () => {
    let cancelledAt = 0;
    let lastStep = 0;
    const job = engine.fitDemo({ steps: 5000, progressIntervalMs: 0 }, (p) => {
      lastStep = p.step;
      if (p.step === 3) {
        cancelledAt = p.step;
        void engine.cancel();
      }
    });
    await expect(engine.fitDemo({ steps: 1 })).rejects.toBeInstanceOf(BusyError);
    await expect(engine.init({ backend: 'cpu' })).rejects.toBeInstanceOf(BusyError);
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(cancelledAt).toBe(3);
    expect(lastStep).toBeLessThanOrEqual(4);
    expect(await engine.jobStatus()).toEqual({ state: 'idle', job: null });
  });

  it('pauses between steps and resumes', async () => {
    let lastStep = 0;
    const job = engine.fitDemo({ steps: 400, progressIntervalMs: 0 }, (p) => {
      lastStep = p.step;
    });
    while (lastStep < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await engine.pause()).toEqual({ state: 'paused', job: 'fit demo' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stepWhilePaused = lastStep;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lastStep).toBe(stepWhilePaused);
    await engine.resume();
    await expect(job).resolves.toMatchObject({ steps: 400 });
    expect(lastStep).toBe(400);
  });

  it('sets known tfjs flags and rejects unknown ones', async () => {
    await expect(engine.setFlags({ WASM_HAS_SIMD_SUPPORT: true })).resolves.toEqual({ WASM_HAS_SIMD_SUPPORT: true });
    await expect(engine.setFlags({ WASM_NO_SUCH_FLAG: 1 })).rejects.toBeInstanceOf(UnknownFlagError);
    await expect(engine.setFlags({ WASM_NO_SUCH_FLAG: 1 })).rejects.toThrow(/Flags starting with WASM_: .*WASM_HAS_SIMD_SUPPORT/);
  });
});
