// The page's side of a dying engine worker, with fake workers: a Comlink endpoint on a MessageChannel,
// and a `crashed` promise the test rejects as engine-client.ts does when the worker dies.
import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { LabEngine } from '../engine/types';
import type { EngineClient } from './engine-client';
import { EngineSupervisor } from './engine-supervisor';
import { EngineCrashedError } from './errors';

interface FakeWorker {
  client: EngineClient;
  die(message?: string): void;
  calls: string[];
}

/** A worker whose fitDemo never ends (a long job) and whose other methods answer at once (init fails if told to). */
function fakeWorker(initFails = false): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const calls: string[] = [];
  const engine = {
    init: async (options: { backend?: string }) => {
      calls.push(`init:${options.backend}`);
      if (initFails) throw new Error('no backend starts');
      return { backend: options.backend };
    },
    listDatasets: async () => (calls.push('listDatasets'), []),
    fitDemo: () => (calls.push('fitDemo'), new Promise(() => undefined)),
  };
  Comlink.expose(engine, port2);
  let die!: (error: Error) => void;
  const crashed = new Promise<never>((_resolve, reject) => (die = reject));
  crashed.catch(() => undefined);
  const client: EngineClient = {
    engine: Comlink.wrap<LabEngine>(port1),
    crashed,
    terminate: vi.fn(() => {
      port1.close();
      port2.close();
    }),
  };
  return { client, calls, die: (message = 'it ran out of memory') => die(new EngineCrashedError(`The engine worker stopped: ${message}.`)) };
}

function supervised({ restartBackend = 'wasm', restartedInitFails = false } = {}) {
  const workers: FakeWorker[] = [];
  const crashes: EngineCrashedError[] = [];
  const supervisor: EngineSupervisor = new EngineSupervisor({
    startWorker: () => {
      const worker = fakeWorker(restartedInitFails && workers.length > 0);
      workers.push(worker);
      return worker.client;
    },
    onRestart: (crash) => {
      crashes.push(crash);
      return supervisor.startup(supervisor.engine.init({ backend: restartBackend }));
    },
  });
  return { supervisor, workers, crashes };
}

describe('EngineSupervisor', () => {
  it('fails every pending call with EngineCrashedError when the worker dies, restarts it and runs the start-up again', async () => {
    const { supervisor, workers, crashes } = supervised();
    await supervisor.startup(supervisor.engine.init({ backend: 'wasm' }));
    const job = supervisor.engine.fitDemo({ steps: 1000 });
    const other = supervisor.engine.fitDemo({ steps: 5 });
    await vi.waitFor(() => expect(workers[0].calls.filter((call) => call === 'fitDemo')).toHaveLength(2));

    workers[0].die();
    await expect(job).rejects.toThrow(EngineCrashedError);
    await expect(job).rejects.toThrow('The engine worker stopped: it ran out of memory.');
    await expect(other).rejects.toThrow(EngineCrashedError);
    expect(workers[0].client.terminate).toHaveBeenCalled();

    // The next action works: a new worker, started on the same backend before it takes calls.
    expect(await supervisor.engine.listDatasets()).toEqual([]);
    expect(workers).toHaveLength(2);
    expect(workers[1].calls).toEqual(['init:wasm', 'listDatasets']);
    expect(crashes.map((crash) => crash.message)).toEqual(['The engine worker stopped: it ran out of memory.']);
  });

  it('a call made after the crash goes to the new worker, and the same proxy object keeps working', async () => {
    const { supervisor, workers } = supervised();
    const engine = supervisor.engine;
    await supervisor.startup(engine.init({ backend: 'cpu' }));
    workers[0].die();
    await vi.waitFor(() => expect(workers).toHaveLength(2));
    await engine.listDatasets();
    expect(workers[0].calls).toEqual(['init:cpu']);
    expect(workers[1].calls).toEqual(['init:wasm', 'listDatasets']);
  });

  it('does not restart a worker that never answered (it could not load), and calls then fail at once', async () => {
    const { supervisor, workers, crashes } = supervised();
    const start = supervisor.startup(supervisor.engine.init({ backend: 'wasm' }));
    workers[0].die('it could not be loaded');
    await expect(start).rejects.toThrow(EngineCrashedError);
    await expect(supervisor.engine.listDatasets()).rejects.toThrow('it could not be loaded');
    expect(workers).toHaveLength(1);
    expect(crashes).toEqual([]);
  });

  it('stops restarting after three crashes in a row with no successful start-up in between', async () => {
    const { supervisor, workers } = supervised({ restartedInitFails: true });
    await supervisor.startup(supervisor.engine.init({ backend: 'wasm' }));
    for (let crash = 1; crash <= 4; crash += 1) {
      await supervisor.engine.listDatasets(); // the worker loaded and answers, but its start-up failed
      workers.at(-1)!.die(`crash ${crash}`);
      await vi.waitFor(() => expect(workers.length).toBe(Math.min(crash, 3) + 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(workers).toHaveLength(4);
    await expect(supervisor.engine.listDatasets()).rejects.toThrow('crash 4');
  });

});
