// How the page learns that the engine worker died, with a stand-in Worker (Node has no Web Worker).
// The liveness lock needs a browser's Web Locks: test/browser/engine-faults.test.ts kills a real worker.
import { describe, expect, it, vi } from 'vitest';
import { startEngineWorker } from './engine-client';
import { EngineCrashedError } from './errors';

class StandInWorker extends EventTarget {
  readonly posted: unknown[] = [];
  constructor(readonly name: string) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate = vi.fn();
}

function start() {
  let worker!: StandInWorker;
  const client = startEngineWorker((name) => (worker = new StandInWorker(name)) as unknown as Worker);
  return { client, worker };
}

describe('startEngineWorker', () => {
  it('names each worker apart, so its liveness lock is its own', () => {
    const first = start().worker.name;
    const second = start().worker.name;
    expect(first).toMatch(/^relevance-lab-engine:[0-9a-f]{16,}$/);
    expect(second).not.toBe(first);
  });

  it('an uncaught error in the worker at any time is a crash, and pending calls end with it', async () => {
    const { client, worker } = start();
    const pending = Promise.race([client.engine.listDatasets(), client.crashed]);
    worker.dispatchEvent(Object.assign(new Event('error'), { message: 'Uncaught RangeError: out of memory', filename: 'engine.worker.js', lineno: 12 }));
    await expect(pending).rejects.toThrow(EngineCrashedError);
    await expect(client.crashed).rejects.toThrow('The engine worker stopped: Uncaught RangeError: out of memory (engine.worker.js:12).');
  });

  it('a message from the worker that cannot be read is a crash too: its answer is lost', async () => {
    const { client, worker } = start();
    worker.dispatchEvent(new Event('messageerror'));
    await expect(client.crashed).rejects.toThrow(/The engine worker stopped: one of its answers could not be read/);
  });

  it('terminate() ends the worker without calling it a crash', async () => {
    const { client, worker } = start();
    client.terminate();
    expect(worker.terminate).toHaveBeenCalled();
    worker.dispatchEvent(new Event('error'));
    const settled = await Promise.race([client.crashed.then(() => 'resolved', () => 'rejected'), new Promise((resolve) => setTimeout(() => resolve('pending'), 20))]);
    expect(settled).toBe('pending');
  });
});
