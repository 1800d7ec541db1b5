// Chooses the compute backend from what the probe found. Pure: the same probe and preference
// always give the same choice, in the worker, in Node and in tests.
import { BackendSetupError, BackendUnavailableError, UnknownBackendError } from './errors';
import {
  BACKEND_NAMES,
  BACKEND_PREFERENCES,
  type BackendChoice,
  type BackendName,
  type BackendPreference,
  type BackendProbe,
  type GpuAdapterSummary,
} from './types';

/** Software rasterisers that expose a WebGPU or WebGL adapter without a GPU. */
const SOFTWARE_RENDERERS = ['swiftshader', 'llvmpipe', 'lavapipe', 'softpipe', 'microsoft basic render'];

export function isSoftwareRenderer(text: string): boolean {
  const lower = text.toLowerCase();
  return SOFTWARE_RENDERERS.some((name) => lower.includes(name));
}

export function isSoftwareAdapter(adapter: GpuAdapterSummary): boolean {
  return (
    adapter.isFallbackAdapter ||
    isSoftwareRenderer(`${adapter.architecture} ${adapter.vendor} ${adapter.device} ${adapter.description}`)
  );
}

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(value);
}

/**
 * Reads a backend preference typed by a person. Empty means `auto`.
 * @param source where the text came from, for the error message (e.g. "the URL parameter ?backend=").
 */
export function parseBackendPreference(text: string | null | undefined, source: string): BackendPreference {
  const value = (text ?? '').trim().toLowerCase();
  if (value === '') return 'auto';
  if ((BACKEND_PREFERENCES as readonly string[]).includes(value)) return value as BackendPreference;
  throw new UnknownBackendError(
    `Unknown backend "${text}" in ${source}. Choose one of: ${BACKEND_PREFERENCES.join(', ')}.`,
    { value: text, source, choices: [...BACKEND_PREFERENCES] },
  );
}

export function isAvailable(probe: BackendProbe, backend: BackendName): boolean {
  return probe[backend].available;
}

function adapterName(adapter: GpuAdapterSummary | null): string {
  if (!adapter) return 'an unnamed adapter';
  const parts = [adapter.description, adapter.vendor, adapter.architecture].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' / ') : 'an unnamed adapter';
}

function softwareAdapterName(adapter: GpuAdapterSummary | null): string {
  if (adapter && isSoftwareRenderer(adapter.architecture)) return adapter.architecture === 'swiftshader' ? 'SwiftShader' : adapter.architecture;
  if (adapter && isSoftwareRenderer(adapter.description)) return adapter.description;
  return 'a CPU rasteriser';
}

export interface PolicyOptions {
  /** Threads the wasm backend really started with, once known (tfjs decides, see below). */
  wasmThreads?: number;
}

/**
 * tfjs-backend-wasm 4.22 caps its XNNPACK pool at half the logical cores, between 1 and 4, whatever
 * setThreadsCount asks (its C++ init takes min(requested, 8, hardwareConcurrency / 2),
 * tensorflow/tfjs#8513): a 2-core machine computes on 1 thread. Lifting the cap (a larger
 * hardwareConcurrency shown to tfjs while it starts) gave 2 threads on this 2-core machine, and
 * `small` training ran at 0.4-0.65x of the 1-thread speed with other work on the cores (BENCHMARKS.md),
 * so the lab keeps tfjs's count.
 */
export function expectedWasmThreads(probe: BackendProbe, options: PolicyOptions = {}): number {
  if (!probe.wasm.threads) return 1;
  return options.wasmThreads ?? Math.min(4, Math.max(1, Math.floor(probe.logicalCores / 2)));
}

function describeWasm(probe: BackendProbe, options: PolicyOptions = {}): string {
  const threads = expectedWasmThreads(probe, options);
  const simd = probe.wasm.simd ? 'with SIMD' : 'without SIMD';
  const threadText = threads > 1 ? `${threads} threads` : '1 thread';
  return `wasm ${simd} and ${threadText}`;
}

function whyNoWasmThreads(probe: BackendProbe, options: PolicyOptions = {}): string {
  if (probe.wasm.threads) {
    return expectedWasmThreads(probe, options) === 1 && probe.logicalCores < 4
      ? ` (tfjs uses half of the ${probe.logicalCores} logical cores for wasm threads)`
      : '';
  }
  if (probe.host === 'node') return ' (tfjs runs wasm single-threaded in Node)';
  if (!probe.crossOriginIsolated) return ' (threads need a cross-origin isolated page: COOP/COEP headers)';
  return ' (this browser cannot share memory between wasm threads)';
}

/** A short list of what this machine can run, for error messages and the status panel. */
export function describeAvailable(probe: BackendProbe): string {
  const parts: string[] = [];
  if (probe.webgpu.available) parts.push(probe.webgpu.software ? 'webgpu (software fallback adapter)' : 'webgpu');
  if (probe.wasm.available) {
    const threads = expectedWasmThreads(probe);
    parts.push(`wasm (${probe.wasm.simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads > 1 ? 's' : ''})`);
  }
  if (probe.webgl.available) parts.push(probe.webgl.software ? 'webgl (software renderer)' : 'webgl');
  parts.push('cpu');
  return parts.join(', ');
}

function unavailableProblem(probe: BackendProbe, backend: BackendName): string {
  if (backend === 'cpu') return '';
  return probe[backend].problem ?? `${backend} is not supported here`;
}

function forcedChoice(probe: BackendProbe, backend: BackendName, options: PolicyOptions): BackendChoice {
  if (!isAvailable(probe, backend)) {
    throw new BackendUnavailableError(
      `The ${backend} backend was requested but is not available here: ${unavailableProblem(probe, backend)}. ` +
        `Available: ${describeAvailable(probe)}.`,
      { requested: backend, available: BACKEND_NAMES.filter((name) => isAvailable(probe, name)) },
    );
  }
  const base = { backend, forced: true, adapterInfo: null, threads: 1 };
  switch (backend) {
    case 'webgpu': {
      const adapter = probe.webgpu.adapterInfo;
      const reason = probe.webgpu.software
        ? `WebGPU was requested, so it runs on the software fallback adapter (${softwareAdapterName(adapter)}); expect it to be far slower than wasm.`
        : `WebGPU was requested; running on ${adapterName(adapter)}.`;
      return { ...base, adapterInfo: adapter, reason };
    }
    case 'wasm':
      return {
        ...base,
        threads: expectedWasmThreads(probe, options),
        reason: `wasm was requested; using ${describeWasm(probe, options)}${whyNoWasmThreads(probe, options)}.`,
      };
    case 'webgl':
      return { ...base, reason: `WebGL was requested; rendering through ${probe.webgl.renderer ?? 'an unnamed renderer'}.` };
    case 'cpu':
      return { ...base, reason: 'The cpu backend was requested: plain JavaScript, correct everywhere but slow for training.' };
  }
}

function automaticChoice(probe: BackendProbe, options: PolicyOptions): BackendChoice {
  const gpu = probe.webgpu;
  if (gpu.available && !gpu.software) {
    return {
      backend: 'webgpu',
      forced: false,
      adapterInfo: gpu.adapterInfo,
      threads: 1,
      reason: `Using WebGPU on ${adapterName(gpu.adapterInfo)}: a hardware GPU adapter is the fastest backend here.`,
    };
  }
  const whyNotGpu = gpu.available
    ? `WebGPU adapter is a software fallback (${softwareAdapterName(gpu.adapterInfo)}), about 60x slower than wasm for a 512x512 matMul on a CPU-only machine`
    : `WebGPU is not available (${gpu.problem ?? 'no adapter'})`;
  if (probe.wasm.available) {
    return {
      backend: 'wasm',
      forced: false,
      adapterInfo: gpu.adapterInfo,
      threads: expectedWasmThreads(probe, options),
      reason: `${whyNotGpu}; using ${describeWasm(probe, options)}${whyNoWasmThreads(probe, options)}.`,
    };
  }
  if (probe.webgl.available) {
    return {
      backend: 'webgl',
      forced: false,
      adapterInfo: gpu.adapterInfo,
      threads: 1,
      reason: `${whyNotGpu} and WebAssembly is unavailable (${probe.wasm.problem ?? 'unsupported'}); using WebGL through ${probe.webgl.renderer ?? 'an unnamed renderer'}.`,
    };
  }
  return {
    backend: 'cpu',
    forced: false,
    adapterInfo: gpu.adapterInfo,
    threads: 1,
    reason: `${whyNotGpu}, and neither WebAssembly nor WebGL is available; using the plain JavaScript cpu backend, which is slow for training.`,
  };
}

/** Picks the backend: webgpu on a real adapter, else wasm, else webgl, else cpu; or the forced one. */
export function chooseBackend(
  probe: BackendProbe,
  preference: BackendPreference = 'auto',
  options: PolicyOptions = {},
): BackendChoice {
  return preference === 'auto' ? automaticChoice(probe, options) : forcedChoice(probe, preference, options);
}

// wasm threads past tfjs's cap (wasm-thread-cap.ts lifts it; this check stays tfjs-free for the page).
export const MAX_WASM_THREADS = 8;

/** Checks a requested thread count: a whole number from 1 to 8. `where` names its source. */
export function parseWasmThreads(value: unknown, where: string): number {
  const threads = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new BackendSetupError(`${where}: wasm threads must be a whole number from 1 to ${MAX_WASM_THREADS}, got ${JSON.stringify(value)}.`, { backend: 'wasm' });
  }
  return threads;
}

// Data-parallel training threads (src/core/parallel): the engine's own thread plus helper workers.
export const MAX_TRAINING_THREADS = 8;

/** Checks a requested training thread count: a whole number from 1 to 8. `where` names its source. */
export function parseTrainingThreads(value: unknown, where: string): number {
  const threads = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1 || threads > MAX_TRAINING_THREADS) {
    throw new BackendSetupError(`${where}: training threads must be a whole number from 1 to ${MAX_TRAINING_THREADS}, got ${JSON.stringify(value)}.`, {});
  }
  return threads;
}

export interface TrainingThreadsMachine {
  backend: string;
  logicalCores: number;
  /** Processes sharing the cores (the command line's `run --jobs`); default 1. */
  jobs?: number;
}

/**
 * Training threads for a backend when nobody asked (the page, the command line and its jobs): one
 * per logical core of this process's share, up to 4, on wasm (each helper is a second tfjs engine
 * with its own copy of the weights); 1 elsewhere: a GPU backend computes on the device, and tfjs's
 * cpu kernels are too slow for helpers to matter.
 */
export function defaultTrainingThreads({ backend, logicalCores, jobs = 1 }: TrainingThreadsMachine): number {
  return backend === 'wasm' ? Math.max(1, Math.min(4, Math.floor(logicalCores / Math.max(1, jobs)))) : 1;
}
