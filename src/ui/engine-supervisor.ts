// Keeps an engine worker running for the page. `engine` is one stable object: each call goes to the
// current worker and fails with EngineCrashedError if that worker dies before answering, so no job
// waits forever. After a crash the worker is ended and a new one started; `onRestart` brings it up
// (init on the backend in use), and calls made meanwhile wait for that start-up.
import type { Remote } from 'comlink';
import type { LabEngine } from '../engine/types';
import type { EngineClient } from './engine-client';
import type { EngineCrashedError } from './errors';

/** Restarts in a row whose start-up did not succeed before the engine is left stopped. */
const MAX_RESTARTS_IN_A_ROW = 3;

export interface SupervisorOptions {
  startWorker(): EngineClient;
  /** A new worker replaced one that died: start it up and return the start-up, which other calls wait for. */
  onRestart(crash: EngineCrashedError): Promise<unknown>;
}

interface Supervised {
  client: EngineClient;
  /** It answered a call, so it loaded: a crash after that is worth a restart. */
  answered: boolean;
}

export class EngineSupervisor {
  readonly engine: Remote<LabEngine>;
  #current: Supervised;
  #restartsInARow = 0;
  /** The start-up of a restarted worker; other calls wait for it. */
  #restarting: Promise<unknown> | null = null;

  constructor(private readonly options: SupervisorOptions) {
    this.#current = this.#launch();
    this.engine = new Proxy({} as Remote<LabEngine>, {
      // `then` stays undefined so the proxy is not mistaken for a promise.
      get: (_target, method) => (typeof method === 'string' && method !== 'then' ? (...args: unknown[]) => this.#call(method, args) : undefined),
    });
  }

  /** Marks `start` (an init on the current worker) as its start-up: once it succeeds, the restart count starts again. */
  startup<T>(start: Promise<T>): Promise<T> {
    start.then(
      () => (this.#restartsInARow = 0),
      () => undefined,
    );
    return start;
  }

  async #call(method: string, args: unknown[]): Promise<unknown> {
    if (method !== 'init' && this.#restarting) await this.#restarting.catch(() => undefined);
    const supervised = this.#current;
    const remote = (supervised.client.engine as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
    const answer = remote(...args);
    answer.then(
      () => (supervised.answered = true),
      () => (supervised.answered = true),
    );
    return Promise.race([answer, supervised.client.crashed]);
  }

  #launch(): Supervised {
    const supervised: Supervised = { client: this.options.startWorker(), answered: false };
    supervised.client.crashed.catch((crash: EngineCrashedError) => this.#crashed(supervised, crash));
    return supervised;
  }

  #crashed(supervised: Supervised, crash: EngineCrashedError): void {
    if (supervised !== this.#current) return;
    supervised.client.terminate();
    // A worker that never answered could not load: a new one would fail the same way.
    if (!supervised.answered || this.#restartsInARow >= MAX_RESTARTS_IN_A_ROW) return;
    this.#restartsInARow += 1;
    this.#current = this.#launch();
    const restarting = this.options.onRestart(crash);
    this.#restarting = restarting;
    const settled = () => {
      if (this.#restarting === restarting) this.#restarting = null;
    };
    restarting.then(settled, settled);
  }
}
