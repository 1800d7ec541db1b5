// Data-parallel training threads. tfjs-backend-wasm computes on one thread in Node and, by
// default, on one of two cores in the browser; its own thread pool splits single kernels and
// gains little on this model's small products (BENCHMARKS.md). A gradient pool instead gives
// each helper thread its own tfjs engine and a shard of every batch: the step's thread computes
// one shard, each helper another, and the weighted sum is the whole batch's gradient (shard-batch.ts).
//
// Helpers start on the first step that needs them, so hosts can offer a pool at no cost to
// work that never trains.

import * as Comlink from 'comlink';
import type { GradientService } from './gradient-service';
import type { ShardGradients, ShardRequest } from './shard-gradients';
import type { InferenceAnswer, InferenceRequest } from './shard-inference';
import { TrainingThreadBackendError, TrainingThreadCountError, TrainingThreadGoneError, TrainingThreadsNotRunningError } from './errors';

export interface GradientPool {
  /** Helper threads; a step uses threads + 1 shards (the caller's thread computes one). */
  readonly threads: number;
  /** The backend the helpers compute on (the caller's, so the shards agree). */
  readonly backend: string;
  /** Starts the helpers if they are not running yet; rejects if one cannot start. */
  ready(): Promise<void>;
  /**
   * Loss and gradients of one shard on helper `helper` (0 <= helper < threads), after ready().
   * The request is posted before this returns, so the caller can compute its own shard meanwhile.
   */
  gradients(helper: number, request: ShardRequest): Promise<ShardGradients>;
  /**
   * Logits (and pooled states) of one inference batch on helper `helper`, after ready(); posted
   * before this returns, like gradients(). The helper keeps the weights a request brings for the
   * requests that follow under the same key (shard-inference.ts).
   */
  infer(helper: number, request: InferenceRequest): Promise<InferenceAnswer>;
  /** Stops the helpers; the pool is unusable afterwards. */
  dispose(): Promise<void>;
}

/** The backends a helper thread computes on: a GPU backend already computes on the device. */
export const HELPER_BACKENDS = ['wasm', 'cpu'] as const;
export type HelperBackend = (typeof HELPER_BACKENDS)[number];

export function requireHelperBackend(value: unknown): HelperBackend {
  if (!(HELPER_BACKENDS as readonly unknown[]).includes(value)) {
    throw new TrainingThreadBackendError(`Training threads run on ${HELPER_BACKENDS.join(' or ')}, not ${typeof value === 'string' ? value : JSON.stringify(value)}.`, { backend: value });
  }
  return value as HelperBackend;
}

/** A started helper thread, as a host makes it. */
export interface HelperThread {
  endpoint: Comlink.Endpoint;
  /** Called once with the reason when the thread fails or exits on its own. */
  onGone(listener: (reason: Error) => void): void;
  terminate(): Promise<void> | void;
  /**
   * Keeps the host alive while a call is outstanding; returns the release. For Node, where an idle
   * worker thread would otherwise keep the process from exiting. Hosts that need nothing omit it.
   */
  hold?(): () => void;
}

interface Helper {
  thread: HelperThread;
  remote: Comlink.Remote<GradientService>;
  /** Rejects when the thread is gone, so no call waits for a dead thread. */
  gone: Promise<never>;
}

async function held<T>(thread: HelperThread, call: () => Promise<T>): Promise<T> {
  const release = thread.hold?.();
  try {
    return await call();
  } finally {
    release?.();
  }
}

/** A pool whose helpers `spawn(index)` starts when a step first needs them. */
export function createGradientPool(threads: number, backend: string, spawn: (index: number) => HelperThread): GradientPool {
  if (!Number.isInteger(threads) || threads < 0) throw new TrainingThreadCountError(`Training threads: expected a whole number >= 0 of helpers, got ${threads}.`, { threads });
  let helpers: Promise<Helper[]> | null = null;
  let disposed = false;

  const start = async (): Promise<Helper[]> => {
    const started = Array.from({ length: threads }, (_, index): Helper => {
      const thread = spawn(index);
      const gone = new Promise<never>((_, reject) => thread.onGone((reason) => reject(new TrainingThreadGoneError(`Training thread ${index + 1} stopped: ${reason.message}`, { thread: index + 1 }, { cause: reason }))));
      gone.catch(() => undefined); // observed by every call; never an unhandled rejection
      return { thread, remote: Comlink.wrap<GradientService>(thread.endpoint), gone };
    });
    try {
      const names = await Promise.all(started.map(({ thread, remote, gone }) => held(thread, () => Promise.race([remote.backend(), gone]))));
      names.forEach((name, i) => {
        if (name !== backend) throw new TrainingThreadBackendError(`Training thread ${i + 1} computes on ${name}, this thread on ${backend}.`, { thread: i + 1, backend: name, expected: backend });
      });
      return started;
    } catch (error) {
      await stop(started);
      throw error;
    }
  };

  const stop = async (list: Helper[]) => {
    await Promise.all(list.map(async ({ thread, remote }) => {
      remote[Comlink.releaseProxy]();
      await thread.terminate();
    }));
  };

  let running: Helper[] | null = null;
  /** Posts a call to a running helper (before returning) and races it against the helper's end. */
  const call = <T>(helper: number, invoke: (remote: Comlink.Remote<GradientService>) => Promise<T>): Promise<T> => {
    if (disposed) return Promise.reject(new TrainingThreadsNotRunningError('The training threads were stopped.'));
    if (!running) return Promise.reject(new TrainingThreadsNotRunningError('The training threads are not started: await ready() first.'));
    const target = running[helper];
    if (!target) return Promise.reject(new TrainingThreadCountError(`Training thread ${helper + 1} does not exist (the pool has ${threads}).`, { thread: helper + 1, threads }));
    return held(target.thread, () => Promise.race([invoke(target.remote), target.gone]));
  };
  return {
    threads,
    backend,
    async ready() {
      if (disposed) throw new TrainingThreadsNotRunningError('The training threads were stopped.');
      helpers ??= start();
      // A failed start is not kept: the next step tries again.
      running = await helpers.catch((error: unknown) => {
        helpers = null;
        throw error;
      });
    },
    gradients(helper: number, request: ShardRequest): Promise<ShardGradients> {
      const sent = Comlink.transfer(request, request.params.map((param) => param.values.buffer));
      return call(helper, (remote) => remote.gradients(sent));
    },
    infer(helper: number, request: InferenceRequest): Promise<InferenceAnswer> {
      const sent = Comlink.transfer(request, request.params?.map((param) => param.values.buffer) ?? []);
      return call<InferenceAnswer>(helper, (remote) => remote.infer(sent));
    },
    async dispose() {
      disposed = true;
      running = null;
      const list = await helpers?.catch(() => []);
      if (list) await stop(list);
    },
  };
}

/** Throws unless the pool computes on this thread's backend (otherwise the threads' results would not agree). */
export function checkSameBackend(pool: GradientPool, backend: string, what: string): void {
  if (pool.backend !== backend) {
    throw new TrainingThreadBackendError(`${what} threads compute on ${pool.backend}, this thread on ${backend}: their results would not agree. Start the pool on the same backend.`, { backend: pool.backend, expected: backend });
  }
}
