import { describe, expect, it } from 'vitest';
import { CancelledError } from './errors';
import { estimateEtaSeconds, JobControl } from './job-control';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('JobControl', () => {
  it('lets steps run while running', async () => {
    const control = new JobControl('demo');
    await expect(control.betweenSteps()).resolves.toBeUndefined();
    expect(control.state).toBe('running');
  });

  it('blocks betweenSteps while paused and releases it on resume', async () => {
    const control = new JobControl('demo');
    control.pause();
    let passed = false;
    const waiting = control.betweenSteps().then(() => {
      passed = true;
    });
    await settle();
    expect(passed).toBe(false);
    control.resume();
    await waiting;
    expect(passed).toBe(true);
  });

  it('throws CancelledError at the next step, also when cancelled during a pause', async () => {
    const running = new JobControl('fit');
    running.cancel();
    await expect(running.betweenSteps()).rejects.toBeInstanceOf(CancelledError);

    const paused = new JobControl('fit');
    paused.pause();
    const waiting = paused.betweenSteps();
    await settle();
    paused.cancel();
    await expect(waiting).rejects.toThrow('"fit" was cancelled.');
  });

  it('does not count paused time as active time', async () => {
    const control = new JobControl('demo');
    control.pause();
    await new Promise((resolve) => setTimeout(resolve, 120));
    control.resume();
    expect(control.activeSeconds()).toBeLessThan(0.06);
  });
});

describe('estimateEtaSeconds', () => {
  it('extrapolates the mean step time over the steps left', () => {
    expect(estimateEtaSeconds(2, 10, 30)).toBeCloseTo(4);
    expect(estimateEtaSeconds(2, 30, 30)).toBe(0);
    expect(estimateEtaSeconds(0, 0, 30)).toBeNull();
  });
});
