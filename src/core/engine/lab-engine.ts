// The engine: owns tfjs and the active backend. The worker hosts it behind Comlink; Node calls it
// directly (see node-engine.ts). Host differences come in through `EngineHost`.
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, parseBackendPreference, parseTrainingThreads, parseWasmThreads } from '../backend/policy';
import { activateBackend, type BackendModules } from '../backend/setup';
import { setActiveGradientPool, type GradientPool } from '../parallel/gradient-pool';
import type { BackendInfo, BackendProbe } from '../backend/types';
import { createBenchMethods } from './bench-methods';
import { EngineNotReadyError, UnknownFlagError } from './errors';
import { createDataMethods } from './data-methods';
import { createModelMethods } from './model-methods';
import { createPipelineMethods } from './pipeline-methods';
import { createPlaygroundMethods } from './playground-methods';
import { runFitDemo } from './fit-demo';
import { JobSlot } from './job-slot';
import { checkMatMul, timeMatMul } from './matmul';
import type { FlagValue, JobProgress, LabEngine, ProgressCallback } from './types';
import { integerInRange } from './validate';

export interface EngineHost extends BackendModules {
  probe(): Promise<BackendProbe>;
  /** Opens the lab's IndexedDB store where the host has one (the browser worker); Node hosts omit it. */
  openStore?(): Promise<import('../../storage').LabStore>;
  /** Lets the wasm backend start this many threads (wasm-thread-cap.ts); hosts without threads omit it. */
  liftWasmThreadCap?(threads: number): void;
  /** Starts `helpers` training threads on `backend` (src/core/parallel); hosts without threads omit it. */
  createGradientPool?(helpers: number, backend: string): GradientPool;
  /** Training threads when init() is not told; default 1. */
  defaultTrainingThreads?(backend: string, probe: BackendProbe): number;
}

/**
 * What every method group shares. A group (data, model, pipeline...) is a file `<group>-methods.ts`
 * exporting `create<Group>Methods(context)`; its interface joins `LabEngine` in types.ts.
 */
export interface EngineContext {
  host: EngineHost;
  /** Runs one long job at a time, with pause/resume/cancel through its JobControl. */
  slot: JobSlot;
  /** Throws EngineNotReadyError until init() has chosen a backend. */
  requireInfo(method: string): BackendInfo;
  /** Wraps a progress callback so a page that went away cannot fail the job. */
  reporter(onProgress: ProgressCallback | undefined): (progress: JobProgress) => void;
  /** The host's store, opened once on first use. */
  store(): Promise<import('../../storage').LabStore>;
}

const MAX_MATMUL = 4096;

function tfjsVersion(): string {
  return (tf.version as Record<string, string>)['tfjs'] ?? tf.version_core;
}

function flagRegistry(): Record<string, unknown> {
  return (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry;
}

/** Progress is best effort: a page that went away must not fail the job. */
function reporter(onProgress: ProgressCallback | undefined): (progress: JobProgress) => void {
  return (progress) => {
    if (!onProgress) return;
    try {
      void Promise.resolve(onProgress(progress)).catch(() => undefined);
    } catch {
      // The callback threw synchronously; keep training.
    }
  };
}

/** Each group's methods; add a group with one line here. */
function createGroupMethods(context: EngineContext) {
  return {
    ...createDataMethods(context),
    ...createBenchMethods(context),
    ...createModelMethods(context),
    ...createPlaygroundMethods(context),
    ...createPipelineMethods(context),
  };
}

export function createLabEngine(host: EngineHost): LabEngine {
  const slot = new JobSlot();
  let info: BackendInfo | null = null;
  let probed: Promise<BackendProbe> | null = null;

  let pool: GradientPool | null = null;
  /** Replaces the training threads (they must run the backend just started); returns how many a step uses. */
  const switchGradientPool = async (backend: string, threads: number): Promise<number> => {
    const previous = pool;
    pool = null;
    setActiveGradientPool(null);
    await previous?.dispose();
    // Helpers pay on wasm and cpu; a GPU backend already computes on the device.
    if (threads <= 1 || !host.createGradientPool || (backend !== 'wasm' && backend !== 'cpu')) return 1;
    pool = host.createGradientPool(threads - 1, backend);
    setActiveGradientPool(pool);
    return threads;
  };

  const requireInfo = (method: string): BackendInfo => {
    if (!info) throw new EngineNotReadyError(`Call init() before ${method}(): no backend is running yet.`, { method });
    return info;
  };

  let storePromise: Promise<import('../../storage').LabStore> | null = null;
  const context: EngineContext = {
    host,
    slot,
    requireInfo,
    reporter,
    store: () => {
      if (!host.openStore) throw new EngineNotReadyError('This host has no browser storage: use files instead.', {});
      storePromise ??= host.openStore();
      return storePromise;
    },
  };

  const engine: LabEngine = {
    // Method groups, one file each (see EngineContext).
    ...createGroupMethods(context),
    async init(options = {}) {
      const requested = parseBackendPreference(options.backend, 'init({ backend })');
      return slot.run(`switch to the ${requested} backend`, async () => {
        const start = performance.now();
        probed ??= host.probe();
        const probe = await probed;
        const planned = chooseBackend(probe, requested);
        if (options.wasmThreads !== undefined && planned.backend === 'wasm') {
          host.liftWasmThreadCap?.(parseWasmThreads(options.wasmThreads, 'init({ wasmThreads })'));
        }
        const asked = options.trainingThreads === undefined ? undefined : parseTrainingThreads(options.trainingThreads, 'init({ trainingThreads })');
        const { threads } = await activateBackend(planned, host);
        // Say what really runs: tfjs decides the wasm thread count.
        const choice = threads === planned.threads ? planned : chooseBackend(probe, requested, { wasmThreads: threads });
        const trainingThreads = await switchGradientPool(choice.backend, asked ?? host.defaultTrainingThreads?.(choice.backend, probe) ?? 1);
        info = { ...choice, requested, probe, tfjsVersion: tfjsVersion(), setupMs: performance.now() - start, trainingThreads };
        return info;
      });
    },

    async backendInfo() {
      return requireInfo('backendInfo');
    },

    async memory() {
      requireInfo('memory');
      const { numTensors, numBytes, numDataBuffers } = tf.memory();
      return { backend: tf.getBackend(), numTensors, numBytes, numDataBuffers };
    },

    async matMulCheck(n, options = {}) {
      requireInfo('matMulCheck');
      const size = integerInRange('n', n, 1, MAX_MATMUL);
      const seed = integerInRange('seed', options.seed ?? 7, 0, 2 ** 32 - 1);
      return slot.run(`matMul check (${size}x${size})`, () => checkMatMul(size, seed));
    },

    async benchmarkMatMul(sizes, repeats) {
      requireInfo('benchmarkMatMul');
      if (!Array.isArray(sizes) || sizes.length === 0) integerInRange('sizes.length', 0, 1, 64);
      const checked = sizes.map((n, i) => integerInRange(`sizes[${i}]`, n, 1, MAX_MATMUL));
      const runs = integerInRange('repeats', repeats, 1, 1000);
      return slot.run('matMul benchmark', async (control) => {
        const timings = [];
        for (const n of checked) timings.push(await timeMatMul(n, runs, () => control.betweenSteps()));
        return timings;
      });
    },

    async setFlags(flags) {
      const names = Object.keys(flags);
      if (names.some((name) => name.startsWith('WEBGPU_'))) await host.loadWebGpu?.();
      const known = flagRegistry();
      for (const name of names) {
        if (!(name in known)) {
          const prefix = name.split('_')[0];
          const similar = Object.keys(known).filter((flag) => flag.startsWith(prefix)).slice(0, 12);
          throw new UnknownFlagError(
            `tfjs has no flag "${name}".${similar.length > 0 ? ` Flags starting with ${prefix}_: ${similar.join(', ')}.` : ''}`,
            { flag: name, similar },
          );
        }
      }
      const applied: Record<string, FlagValue> = {};
      for (const name of names) {
        tf.env().set(name, flags[name]);
        applied[name] = tf.env().get(name) as FlagValue;
      }
      return applied;
    },

    async fitDemo(options, onProgress) {
      requireInfo('fitDemo');
      return slot.run('fit demo', (control) => runFitDemo(options ?? {}, control, reporter(onProgress)));
    },

    async jobStatus() {
      return slot.status();
    },
    async pause() {
      return slot.pause();
    },
    async resume() {
      return slot.resume();
    },
    async cancel() {
      return slot.cancel();
    },
  };
  return engine;
}
