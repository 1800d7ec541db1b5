// The engine behind a real message boundary (a MessageChannel, as between page and worker):
// results, named errors, progress callbacks and cancel all cross it.
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownBackendError } from '../core/backend/errors';
import { BusyError, CancelledError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import { installErrorTransfer } from '../core/error-transfer';
// Registers every named error class the engine may throw, so each crosses the boundary as itself.
import './known-errors';
import { createNodeLabEngine } from './node-engine';
import type { JobProgress } from '../core/job/progress';
import type { LabEngine } from './types';

describe('LabEngine over Comlink', () => {
  const channel = new MessageChannel();
  let remote: Comlink.Remote<LabEngine>;

  beforeAll(() => {
    installErrorTransfer();
    Comlink.expose(createNodeLabEngine(), channel.port1);
    remote = Comlink.wrap<LabEngine>(channel.port2);
  });

  afterAll(() => {
    remote[Comlink.releaseProxy]();
    channel.port1.close();
    channel.port2.close();
  });

  it('initialises and answers', async () => {
    const info = await remote.init({ backend: 'auto' });
    expect(info.backend).toBe('wasm');
    expect((await remote.memory()).backend).toBe('wasm');
  });

  it('rebuilds named errors with their class, message and details', async () => {
    const error = await remote.init({ backend: 'nonsense' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnknownBackendError);
    expect((error as UnknownBackendError).details).toMatchObject({ value: 'nonsense' });
    expect((error as Error).message).toMatch(/Choose one of: auto, webgpu, wasm, webgl, cpu/);
    const invalid = await remote.matMulCheck(-1).catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(InvalidOptionError);
    expect((invalid as InvalidOptionError).details).toMatchObject({ option: 'n', min: 1 });
  });

  it('streams progress through a proxied callback and cancels within one step', async () => {
    const seen: JobProgress[] = [];
    const onProgress = Comlink.proxy((progress: JobProgress) => {
      seen.push(progress);
      if (progress.step === 4) void remote.cancel();
    });
    const job = remote.fitDemo({ steps: 5000, progressIntervalMs: 0 }, onProgress);
    await expect(remote.fitDemo({ steps: 1 })).rejects.toBeInstanceOf(BusyError);
    const error = await job.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CancelledError);
    expect(seen[0]).toMatchObject({ stage: 'fit-demo', step: 1, total: 5000 });
    expect(typeof seen[0].figures.loss).toBe('number');
    // The cancel message travels while step 5 may already run; step 6 must never start.
    expect(Math.max(...seen.map((p) => p.step))).toBeLessThanOrEqual(5);
    expect(await remote.jobStatus()).toEqual({ state: 'idle', job: null });
  });
});
