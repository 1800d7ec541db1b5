import { describe, expect, it } from 'vitest';
import { BusyError } from './errors';
import { JobSlot } from './job-slot';

describe('JobSlot', () => {
  it('refuses a second job with a BusyError naming the running one, and frees the slot afterwards', async () => {
    const slot = new JobSlot();
    let release!: () => void;
    const first = slot.run('fit demo', () => new Promise<string>((resolve) => (release = () => resolve('done'))));
    expect(slot.status()).toEqual({ state: 'running', job: 'fit demo' });
    await expect(slot.run('benchmark', async () => 1)).rejects.toThrow(BusyError);
    await expect(slot.run('benchmark', async () => 1)).rejects.toThrow(/"fit demo" is still running/);
    release();
    await expect(first).resolves.toBe('done');
    expect(slot.status()).toEqual({ state: 'idle', job: null });
    await expect(slot.run('benchmark', async () => 1)).resolves.toBe(1);
  });

  it('frees the slot when the job fails', async () => {
    const slot = new JobSlot();
    await expect(slot.run('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(slot.status().state).toBe('idle');
  });

  it('routes pause, resume and cancel to the running job', async () => {
    const slot = new JobSlot();
    const job = slot.run('loop', async (control) => {
      for (;;) await control.betweenSteps();
    });
    expect(slot.pause()).toEqual({ state: 'paused', job: 'loop' });
    expect(slot.resume()).toEqual({ state: 'running', job: 'loop' });
    expect(slot.cancel()).toEqual({ state: 'cancelling', job: 'loop' });
    await expect(job).rejects.toThrow('"loop" was cancelled.');
    expect(slot.cancel()).toEqual({ state: 'idle', job: null });
  });
});
