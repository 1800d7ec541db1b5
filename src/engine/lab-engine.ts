// The engine: owns tfjs and the active backend. The worker hosts it behind Comlink; Node calls it
// directly (see node-engine.ts). Host differences come in through `EngineHost`.
import { kernelsInUse } from '../core/model/kernels/kernels-in-use';
import { prepareWasmKernels } from '../core/model/kernels/wasm-instance';
import * as tf from '@tensorflow/tfjs';
import { chooseBackend, parseBackendPreference, parseTrainingThreads, parseWasmThreads } from '../core/backend/policy';
import type { DeviceLoss } from '../core/backend/device-loss';
import { destroyWebGpuDevice, webGpuDeviceLimits, webGpuDeviceLoss } from '../core/backend/device-loss';
import type { GpuDeviceLostError } from '../core/backend/errors';
import { activateBackend, type BackendModules } from '../core/backend/setup';
import type { GradientPool } from '../core/parallel/gradient-pool';
import type { BackendInfo, BackendPreference, BackendProbe } from '../core/backend/types';
import { BackendLossWatch } from './backend-loss';
import { createBenchMethods } from './bench-methods';
import { EngineNotReadyError, InvalidOptionError, UnknownFlagError } from './errors';
import { createDataMethods } from './data-methods';
import { createHuggingFaceMethods } from './huggingface-methods';
import { createModelMethods } from './model-methods';
import { createPipelineMethods } from './pipeline-methods';
import { createPlaygroundMethods } from './playground-methods';
import { createRunFileMethods } from './run-file-methods';
import { runFitDemo } from './fit-demo';
import { JobSlot } from '../core/job/job-slot';
import { checkMatMul, timeMatMul } from './matmul';
import type { JobProgress, ProgressCallback } from '../core/job/progress';
import type { FlagValue, LabEngine } from './types';
import { integerInRange } from './validate';
import type { ShippedModels } from '../core/pipeline/shipped/source';

export interface EngineHost extends BackendModules {
  probe(): Promise<BackendProbe>;
  /** Opens the lab's IndexedDB store where the host has one (the browser worker); Node hosts omit it. */
  openStore?(): Promise<import('../storage').LabStore>;
  /** Lets the wasm backend start this many threads (wasm-thread-cap.ts); hosts without threads omit it. */
  liftWasmThreadCap?(threads: number): void;
  /** Starts `helpers` training threads on `backend` (src/core/parallel); hosts without threads omit it. */
  createGradientPool?(helpers: number, backend: string): GradientPool;
  /** Training threads when init() is not told; default 1. */
  defaultTrainingThreads?(backend: string, probe: BackendProbe): number;
  /** Settles when the active backend's GPU device is lost; default: the WebGPU device's `lost` (device-loss.ts). */
  watchDeviceLoss?(backend: string): Promise<DeviceLoss> | null;
  /** The shipped pretrained models (the page's models/ folder); hosts without them omit it. */
  shippedModels?: ShippedModels;
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
  store(): Promise<import('../storage').LabStore>;
  /** The training threads init() started for the active backend (null: the engine's thread alone); jobs pass it down. */
  trainingPool(): GradientPool | null;
  /** Stops the training threads (a host that ends, e.g. a command); the next init() starts them again. */
  stopTrainingThreads(): Promise<void>;
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
    ...createRunFileMethods(context),
    ...createHuggingFaceMethods(context),
  };
}

/** The probe with WebGPU struck off: after a lost device the engine does not go back to it until a reload. */
function withoutWebGpu(probe: BackendProbe): BackendProbe {
  return { ...probe, webgpu: { ...probe.webgpu, available: false, problem: 'its device was lost in this session; reload the page to try WebGPU again' } };
}

/**
 * The engine on `host`. `hostMethods` adds a host's own method group (the Node host's file-backed
 * methods, node-host.ts), made from the same context as the shared groups.
 */
export function createLabEngine(host: EngineHost): LabEngine;
export function createLabEngine<M extends object>(host: EngineHost, hostMethods: (context: EngineContext) => M): LabEngine & M;
export function createLabEngine<M extends object>(host: EngineHost, hostMethods?: (context: EngineContext) => M): LabEngine {
  let lossWatch: BackendLossWatch | null = null;
  const slot = new JobSlot({ explainFailure: async (error) => (lossWatch ? lossWatch.explain(error) : error) });
  let info: BackendInfo | null = null;
  let probed: Promise<BackendProbe> | null = null;
  let askedTrainingThreads: number | undefined;

  let pool: GradientPool | null = null;
  /** Replaces the training threads (they must run the backend just started); returns how many a step uses. */
  const switchGradientPool = async (backend: string, threads: number): Promise<number> => {
    const previous = pool;
    pool = null;
    await previous?.dispose();
    // Helpers pay on wasm and cpu; a GPU backend already computes on the device.
    if (threads <= 1 || !host.createGradientPool || (backend !== 'wasm' && backend !== 'cpu')) return 1;
    pool = host.createGradientPool(threads - 1, backend);
    return threads;
  };

  interface StartSetup {
    requested: BackendPreference;
    startedAt: number;
    wasmThreads?: unknown;
  }

  /** Chooses from `probe`, activates, starts the training threads and watches the device; shared by init() and the fall-back. */
  const startBackend = async (probe: BackendProbe, preference: BackendPreference, setup: StartSetup): Promise<BackendInfo> => {
    lossWatch?.stop();
    lossWatch = null;
    const planned = chooseBackend(probe, preference);
    if (setup.wasmThreads !== undefined && planned.backend === 'wasm') {
      host.liftWasmThreadCap?.(parseWasmThreads(setup.wasmThreads, 'init({ wasmThreads })'));
    }
    const { threads } = await activateBackend(planned, host);
    // The lab's wasm kernels, compiled without blocking (a page's main thread may not compile them synchronously).
    if (planned.backend === 'wasm') await prepareWasmKernels().catch(() => false);
    // Say what really runs: tfjs decides the wasm thread count.
    const choice = threads === planned.threads ? planned : chooseBackend(probe, preference, { wasmThreads: threads });
    const trainingThreads = await switchGradientPool(choice.backend, askedTrainingThreads ?? host.defaultTrainingThreads?.(choice.backend, probe) ?? 1);
    const lost = (host.watchDeviceLoss ?? webGpuDeviceLoss)(choice.backend);
    if (lost) lossWatch = new BackendLossWatch(lost, (error) => void fallBack(error));
    const granted = choice.backend === 'webgpu' ? webGpuDeviceLimits() : null;
    const webgpuLimits = granted ? { webgpuLimits: { granted, adapter: probe.webgpu.limits ?? null } } : {};
    return { ...choice, requested: setup.requested, probe, tfjsVersion: tfjsVersion(), setupMs: performance.now() - setup.startedAt, trainingThreads, kernels: kernelsInUse(choice.backend), ...webgpuLimits };
  };

  /** After a lost device: stop the job on it, then start the best backend left, without WebGPU. */
  const fallBack = async (loss: GpuDeviceLostError): Promise<void> => {
    slot.abort(loss);
    const lostInfo = info;
    const probe = withoutWebGpu(await probed!);
    probed = Promise.resolve(probe);
    info = null; // nothing runs on the dead backend meanwhile
    for (;;) {
      await slot.idle();
      try {
        const started = await slot.run('move off the lost GPU device', () => startBackend(probe, 'auto', { requested: lostInfo?.requested ?? 'auto', startedAt: performance.now() }));
        info = { ...started, reason: `The GPU device was lost (${String(loss.details.message)}); the lab moved to ${started.backend}. ${started.reason}` };
        return;
      } catch (error) {
        if (error instanceof Error && error.name === 'BusyError') continue; // a job slipped in first: wait for it
        return; // no backend left to start: methods say EngineNotReadyError until init() succeeds
      }
    }
  };

  const requireInfo = (method: string): BackendInfo => {
    if (!info) throw new EngineNotReadyError(`Call init() before ${method}(): no backend is running yet.`, { method });
    return info;
  };

  let storePromise: Promise<import('../storage').LabStore> | null = null;
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
    trainingPool: () => pool,
    stopTrainingThreads: async () => {
      await switchGradientPool(info?.backend ?? 'cpu', 1);
      if (info) info = { ...info, trainingThreads: 1 };
    },
  };

  const engine: LabEngine = {
    // Method groups, one file each (see EngineContext).
    ...createGroupMethods(context),
    async init(options = {}) {
      const requested = parseBackendPreference(options.backend, 'init({ backend })');
      return slot.run(`switch to the ${requested} backend`, async () => {
        const startedAt = performance.now();
        probed ??= host.probe();
        const probe = await probed;
        askedTrainingThreads = options.trainingThreads === undefined ? undefined : parseTrainingThreads(options.trainingThreads, 'init({ trainingThreads })');
        info = await startBackend(probe, requested, { requested, startedAt, wasmThreads: options.wasmThreads });
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

    async loseGpuDevice() {
      const active = requireInfo('loseGpuDevice');
      if (active.backend !== 'webgpu' || !destroyWebGpuDevice()) {
        throw new InvalidOptionError(`loseGpuDevice() destroys the WebGPU device, but the engine runs ${active.backend}.`, { backend: active.backend });
      }
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
  return hostMethods ? Object.assign(engine, hostMethods(context)) : engine;
}
