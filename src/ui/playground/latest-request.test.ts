import { describe, expect, it } from 'vitest';
import { LatestRequest, type Answer, type Timers } from './latest-request';

/** Timers moved by hand, and work whose answers the test releases one by one. */
function harness(delayMs = 300) {
  let now = 0;
  const scheduled = new Map<number, { at: number; callback: () => void }>();
  let nextHandle = 1;
  const timers: Timers = {
    set: (callback, ms) => {
      scheduled.set(nextHandle, { at: now + ms, callback });
      return nextHandle++;
    },
    clear: (handle) => void scheduled.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...scheduled]) {
      if (timer.at <= now) {
        scheduled.delete(handle);
        timer.callback();
      }
    }
  };
  const sent: string[] = [];
  const resolvers: ((value: string) => void)[] = [];
  const rejecters: ((error: Error) => void)[] = [];
  const answers: Answer<string, string>[] = [];
  const runner = new LatestRequest<string, string>(
    (input) => {
      sent.push(input);
      return new Promise((resolve, reject) => {
        resolvers.push(resolve);
        rejecters.push(reject);
      });
    },
    (answer) => answers.push(answer),
    delayMs,
    timers,
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { runner, advance, sent, resolvers, rejecters, answers, settle };
}

describe('latest request', () => {
  it('waits for the typing to pause and sends only the last input', async () => {
    const h = harness();
    h.runner.request('t');
    h.advance(100);
    h.runner.request('te');
    h.advance(299);
    expect(h.sent).toEqual([]);
    expect(h.runner.pending).toBe(true);
    h.advance(1);
    expect(h.sent).toEqual(['te']);
    h.resolvers[0]('answer te');
    await h.settle();
    expect(h.answers).toEqual([{ input: 'te', ok: true, value: 'answer te' }]);
    expect(h.runner.pending).toBe(false);
  });

  it('keeps one request in flight and then sends the newest input, dropping the stale answer', async () => {
    const h = harness();
    h.runner.now('a');
    h.runner.request('ab');
    h.advance(300);
    h.runner.request('abc');
    h.advance(300);
    expect(h.sent).toEqual(['a']);
    h.resolvers[0]('answer a');
    await h.settle();
    expect(h.sent).toEqual(['a', 'abc']);
    expect(h.answers).toEqual([]);
    h.rejecters[1](new Error('busy'));
    await h.settle();
    expect(h.answers).toHaveLength(1);
    expect(h.answers[0]).toMatchObject({ input: 'abc', ok: false });
    expect((h.answers[0] as { error: Error }).error.message).toBe('busy');
  });

  it('drops everything on cancel', async () => {
    const h = harness();
    h.runner.now('x');
    h.runner.request('xy');
    h.runner.cancel();
    h.advance(1000);
    h.resolvers[0]('answer x');
    await h.settle();
    expect(h.sent).toEqual(['x']);
    expect(h.answers).toEqual([]);
  });
});
