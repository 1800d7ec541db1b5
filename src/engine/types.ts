// The one engine interface. The worker exposes it through Comlink and Node calls it directly, so the
// page and the CLI drive the same methods. Types only: importing this never loads tfjs.
import type { BackendInfo, BackendPreference } from '../core/backend/types';
import type { BenchEngine } from './bench-types';
import type { DataEngine } from './data-types';
import type { JobStatus } from '../core/job/job-slot';
import type { ProgressCallback } from '../core/job/progress';
import type { HuggingFaceEngine } from './huggingface-types';
import type { ModelEngine } from './model-types';
import type { PipelineEngine } from './pipeline-types';
import type { PlaygroundEngine } from './playground-types';
import type { RunFileEngine } from './run-file-types';

export type { BackendInfo, BackendPreference, JobStatus };

export interface InitOptions {
  /** `auto` (default) or a backend name; any other text is rejected with UnknownBackendError. */
  backend?: BackendPreference | string;
  /**
   * wasm threads to ask for past tfjs's cap of half the logical cores (1 to 8; `?wasmThreads=` on
   * the page). Takes effect only on a host that can lift the cap (the browser worker, cross-origin
   * isolated) and before the wasm backend first starts; BackendInfo.threads says what really runs.
   */
  wasmThreads?: number;
  /**
   * Threads a training step splits its batch over (1 to 8; `?trainingThreads=` on the page, `--threads`
   * on the command line): the engine's thread plus helpers with their own tfjs engine on the same
   * backend. Default: the host's (the browser: one per logical core up to 4 on wasm; Node: 1).
   */
  trainingThreads?: number;
}

export interface MemoryInfo {
  backend: string | null;
  numTensors: number;
  numBytes: number;
  numDataBuffers: number;
}

export interface MatMulCheckOptions {
  seed?: number;
}

export interface MatMulCheckResult {
  /** The backend that ran the product (tf.getBackend() at the time). */
  backend: string;
  n: number;
  /** Largest |active - cpu| over all entries. */
  maxAbsDiff: number;
  /** Wall time on the active backend, including upload, any shader compilation and the read-back. */
  ms: number;
  cpuMs: number;
  /** WebGPU only: compute pipelines the backend has compiled so far (proof that GPU kernels ran). */
  gpuPipelines: number | null;
}

export interface MatMulTiming {
  n: number;
  medianMs: number;
  /** Every timed run after the warm-up, in milliseconds. */
  runsMs: number[];
  gflops: number;
}

export type FlagValue = boolean | number | string;


export interface FitDemoOptions {
  steps?: number;
  samples?: number;
  hidden?: number;
  learningRate?: number;
  seed?: number;
  /** Minimum time between progress reports; 0 reports every step. */
  progressIntervalMs?: number;
}

export interface FitDemoResult {
  backend: string;
  steps: number;
  initialLoss: number;
  finalLoss: number;
  ms: number;
}

export interface LabEngine extends DataEngine, BenchEngine, ModelEngine, PlaygroundEngine, PipelineEngine, RunFileEngine, HuggingFaceEngine {
  /** Probes, chooses (or takes the forced) backend and starts it. Can be called again to switch. */
  init(options?: InitOptions): Promise<BackendInfo>;
  backendInfo(): Promise<BackendInfo>;
  memory(): Promise<MemoryInfo>;
  /** n x n matMul on the active backend and on cpu, compared entry by entry. */
  matMulCheck(n: number, options?: MatMulCheckOptions): Promise<MatMulCheckResult>;
  /** Median ms per size after one warm-up run. */
  benchmarkMatMul(sizes: number[], repeats: number): Promise<MatMulTiming[]>;
  /** Sets tfjs environment flags (e.g. WEBGPU_CPU_FORWARD); unknown names are rejected. */
  setFlags(flags: Record<string, FlagValue>): Promise<Record<string, FlagValue>>;
  /** A small seeded regression MLP fitted for N steps: a real long job for the job machinery. */
  fitDemo(options: FitDemoOptions, onProgress?: ProgressCallback): Promise<FitDemoResult>;
  /**
   * Diagnostics: destroys the WebGPU device as a driver reset would, so the recovery can be seen (and
   * tested): the running job fails with GpuDeviceLostError and the engine moves to another backend.
   */
  loseGpuDevice(): Promise<void>;
  jobStatus(): Promise<JobStatus>;
  pause(): Promise<JobStatus>;
  resume(): Promise<JobStatus>;
  cancel(): Promise<JobStatus>;
}
