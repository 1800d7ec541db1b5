// A lost GPU device, simulated: the host reports the active backend's device as lost while a job runs.
// The job must fail with GpuDeviceLostError, the engine must move to another backend on its own, and
// the last stored checkpoint must stay loadable and resumable there.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { GpuDeviceLostError } from '../core/backend/errors';
import type { DeviceLoss } from '../core/backend/device-loss';
import { createLabEngine } from './lab-engine';
import type { TrainingRequest } from './model-types';
import { nodeEngineHost } from './node-engine';
import type { JobProgress } from '../core/job/progress';

/** A host whose `cpu` backend stands in for WebGPU: its device is lost when the test says so. */
function hostWithLosableDevice(storeName: string) {
  let lose!: (loss: DeviceLoss) => void;
  const lost = new Promise<DeviceLoss>((resolve) => (lose = resolve));
  const engine = createLabEngine({
    ...nodeEngineHost,
    openStore: () => openLabStore(storeName, { estimate: null }),
    watchDeviceLoss: (backend) => (backend === 'cpu' ? lost : null),
  });
  return { engine, lose };
}

describe('a lost GPU device', () => {
  it('fails the running job with GpuDeviceLostError and moves the engine to wasm', async () => {
    const { engine, lose } = hostWithLosableDevice('device-loss-fit');
    await engine.init({ backend: 'cpu' });
    let reported = 0;
    const job = engine.fitDemo({ steps: 100_000, progressIntervalMs: 0 }, () => {
      reported += 1;
      if (reported === 3) lose({ reason: 'unknown', message: 'the GPU process was reset' });
    });
    await expect(job).rejects.toThrow(GpuDeviceLostError);
    await expect(job).rejects.toThrow(/GPU device was lost \(the GPU process was reset\), so the job on it stopped/);

    await expect.poll(async () => (await engine.backendInfo()).backend, { timeout: 10_000 }).toBe('wasm');
    const info = await engine.backendInfo();
    expect(info.reason).toMatch(/The GPU device was lost \(the GPU process was reset\); the lab moved to wasm/);
    expect(info.probe.webgpu.available).toBe(false);
    expect((await engine.jobStatus()).state).toBe('idle');
    const after = await engine.fitDemo({ steps: 3, progressIntervalMs: 0 });
    expect(after.backend).toBe('wasm');
  });

  it('keeps the last stored checkpoint, which resumes on the new backend', async () => {
    const { engine, lose } = hostWithLosableDevice('device-loss-training');
    await engine.init({ backend: 'cpu' });
    const datasetId = (await engine.generateDataset({ seed: 5, sizes: { train: 48, val: 12, test_id: 6, test_ood: 6, pool: 24 } })).info.id;
    const tokenizerId = (await engine.trainTokenizer(datasetId, { vocabSize: 512 })).id;
    const request: TrainingRequest = {
      stage: 'pretrain',
      datasetId,
      init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 24, seed: 3 },
      steps: 40,
      batchSize: 8,
      seed: 2,
      checkpointEvery: 4,
      checkpointId: 'lost-device',
      lmPairs: false,
      progressIntervalMs: 0,
    };
    const job = engine.trainModel(request, (progress: JobProgress) => {
      if (progress.stage === 'pretrain' && progress.step === 6) lose({ reason: 'unknown', message: 'device removed' });
    });
    await expect(job).rejects.toThrow(GpuDeviceLostError);
    await expect.poll(async () => (await engine.backendInfo()).backend, { timeout: 10_000 }).toBe('wasm');

    const [kept] = await engine.listModelCheckpoints();
    expect(kept).toMatchObject({ id: 'lost-device', step: 4 });
    const resumed = await engine.resumeTraining('lost-device', { datasetId });
    expect(resumed).toMatchObject({ startStep: 4, totalSteps: 40 });
  });
});
