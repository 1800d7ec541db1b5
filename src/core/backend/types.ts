// What the lab knows about the compute backends of the machine it runs on. Pure data: no tfjs here,
// so the page can import these types without pulling tfjs into the UI thread.
import type { GpuBufferLimits, WebGpuLimits } from './webgpu-limits';

export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
/** What a person asks for: a backend by name, or `auto` to let the policy decide. */
export type BackendPreference = BackendName | 'auto';
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...BACKEND_NAMES];

export type ProbeHost = 'browser-worker' | 'browser-page' | 'node';

export interface GpuAdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The browser says this adapter is a fallback (usually a CPU rasteriser). */
  isFallbackAdapter: boolean;
}

export interface WebGpuProbe {
  available: boolean;
  /** True when the adapter is a software rasteriser (SwiftShader or a declared fallback adapter). */
  software: boolean;
  adapterInfo: GpuAdapterSummary | null;
  /** The adapter's buffer limits: the most a device on it can be granted. */
  limits?: GpuBufferLimits | null;
  /** Why WebGPU is unavailable, when it is. */
  problem?: string;
}

export interface WasmProbe {
  available: boolean;
  simd: boolean;
  /** Threads need cross-origin isolation (SharedArrayBuffer); tfjs never uses them in Node. */
  threads: boolean;
  problem?: string;
}

export interface WebGlProbe {
  available: boolean;
  version: 1 | 2 | null;
  renderer: string | null;
  software: boolean;
  problem?: string;
}

export interface BackendProbe {
  host: ProbeHost;
  webgpu: WebGpuProbe;
  wasm: WasmProbe;
  webgl: WebGlProbe;
  cpu: { available: true };
  crossOriginIsolated: boolean;
  /** Logical cores the host reports (navigator.hardwareConcurrency or os.availableParallelism). */
  logicalCores: number;
}

/** The policy's decision, before the backend is set up. */
export interface BackendChoice {
  backend: BackendName;
  /** One or two sentences a person understands: what was chosen and why. */
  reason: string;
  adapterInfo: GpuAdapterSummary | null;
  /** Threads the backend is expected to use (1 unless wasm with threads). */
  threads: number;
  forced: boolean;
}

/** The active backend after set-up, as the status panel shows it. */
export interface BackendInfo extends BackendChoice {
  /** What the person asked for (URL parameter, setting, CLI flag), or `auto`. */
  requested: BackendPreference;
  probe: BackendProbe;
  tfjsVersion: string;
  /** Milliseconds spent probing and initialising. */
  setupMs: number;
  /** Threads a training step splits its batch over (1: the engine's own thread only; see src/core/parallel). */
  trainingThreads: number;
  /** On webgpu: the buffer limits the device was granted, and its adapter's (webgpu-limits.ts). */
  webgpuLimits?: WebGpuLimits;
  /** Which kernels the model runs, in words (the lab's fused kernels or the tfjs composition). */
  kernels?: string;
}
