// Counts what a tfjs backend does while some code runs: reads of tensor values (data(), dataSync(),
// array(), buffer(): the engine's read/readSync, whoever calls them, our code or a tfjs op), and on
// webgpu the GPU-to-CPU copies, kernel dispatches, buffers created and shader pipelines compiled.
// Works by wrapping methods on the engine and backend objects themselves (no tfjs patch); stop() puts
// the original methods back. (The cpu backend's kernels call its readSync for their own inputs; those
// are not reads of anything off a device, so reads are counted at the engine, not the backend.)
//
// tfjs-backend-webgpu 4.22 hooks used: backend.getBufferData (one GPU-to-CPU copy each, the path of
// read()) and backend.readSync of a tensor whose values are not on the CPU yet (a synchronous copy),
// backend.recordAndSubmit (one compute dispatch each, with the program it runs),
// backend.bufferManager.acquireBuffer with bufferManager.numBytesAllocated (grows only when a GPUBuffer
// is created, not when a free one is reused), backend.pipelineCache (one entry per compiled shader).
// A backend without a hook gives null for that count (the cpu and wasm backends dispatch nothing).
import * as tf from '@tensorflow/tfjs';

export interface BackendCounts {
  /** Reads of tensor values through the engine (data, dataSync, array, arraySync, buffer...). */
  reads: number;
  /** Copies of a GPU buffer back to the CPU (webgpu; a read of values already on the CPU costs none), or null. */
  gpuReads: number | null;
  /** Compute passes dispatched (webgpu), or null. */
  dispatches: number | null;
  /** GPU buffers created rather than reused from the free pool (webgpu), or null. */
  buffersCreated: number | null;
  /** Bytes of those new buffers (webgpu), or null. */
  bytesCreated: number | null;
  /** Shader pipelines compiled (webgpu), or null. */
  shaderCompilations: number | null;
}

export interface BackendCounter {
  /** The counts since start (or since the last reset). */
  counts(): BackendCounts;
  /**
   * Dispatches by program (webgpu): tfjs's program class name, or the shader key of a program
   * written as a plain object (the lab's fused kernels, "lab_..."). Empty elsewhere.
   */
  dispatchesByProgram(): Record<string, number>;
  reset(): void;
  /** Restores the backend's own methods. Counting stops; counts() keeps the last values. */
  stop(): void;
}

type Method = (...args: unknown[]) => unknown;
type Holder = Record<string, unknown>;

/** Replaces holder[name] with a wrapper that calls `before` and then the original; returns the undo. */
function wrap(holder: Holder, name: string, before: (...args: unknown[]) => void, after?: () => void): (() => void) | null {
  const original = holder[name];
  if (typeof original !== 'function') return null;
  const own = Object.prototype.hasOwnProperty.call(holder, name);
  holder[name] = function (this: unknown, ...args: unknown[]) {
    before(...args);
    try {
      return (original as Method).apply(this, args);
    } finally {
      after?.();
    }
  };
  return () => {
    if (own) holder[name] = original;
    else delete holder[name];
  };
}

/** A webgpu program's name: its class, or for a plain-object program the start of its shader key. */
function programName(program: unknown): string {
  const named = program as { constructor?: { name?: string }; shaderKey?: unknown } | null;
  const className = named?.constructor?.name;
  if (className && className !== 'Object') return className;
  return typeof named?.shaderKey === 'string' ? named.shaderKey.split(/_(?=\d|_)|__/)[0] : 'unknown';
}

/** The engine methods every tensor read goes through. */
export interface ReadingEngine {
  read(dataId: object): unknown;
  readSync(dataId: object): unknown;
}

/** Starts counting on `backend` and `engine` (default: tfjs's). Call stop() when done, in a finally. */
export function countBackend(backend: tf.KernelBackend = tf.backend(), engine: ReadingEngine = tf.engine()): BackendCounter {
  const target = backend as unknown as Holder;
  let reads = 0;
  let gpuReads = 0;
  let dispatches = 0;
  let buffersCreated = 0;
  let bytesCreated = 0;
  const undo: (() => void)[] = [];
  const add = (restore: (() => void) | null) => restore !== null && undo.push(restore);

  const reader = engine as unknown as Holder;
  add(wrap(reader, 'read', () => void reads++));
  add(wrap(reader, 'readSync', () => void reads++));
  const onGpu = typeof target.getBufferData === 'function';
  if (onGpu) {
    const tensorMap = target.tensorMap as { get(id: unknown): { values?: unknown } | undefined } | undefined;
    add(wrap(target, 'getBufferData', () => void gpuReads++));
    add(wrap(target, 'readSync', (id) => void (tensorMap?.get(id)?.values == null && gpuReads++)));
  }
  const canDispatch = typeof target.recordAndSubmit === 'function';
  let byProgram: Record<string, number> = {};
  add(wrap(target, 'recordAndSubmit', (program) => {
    dispatches++;
    const name = programName(program);
    byProgram[name] = (byProgram[name] ?? 0) + 1;
  }));
  const manager = target.bufferManager as Holder | undefined;
  const canCreate = manager !== undefined && typeof manager.numBytesAllocated === 'number';
  if (manager && canCreate) {
    let allocatedBefore = 0;
    add(wrap(manager, 'acquireBuffer', () => void (allocatedBefore = manager.numBytesAllocated as number), () => {
      const grown = (manager.numBytesAllocated as number) - allocatedBefore;
      if (grown > 0) {
        buffersCreated++;
        bytesCreated += grown;
      }
    }));
  }
  const pipelines = () => {
    const cache = target.pipelineCache;
    return cache !== null && typeof cache === 'object' ? Object.keys(cache).length : null;
  };
  let pipelinesAtStart = pipelines();

  let last: BackendCounts | null = null;
  let lastByProgram: Record<string, number> | null = null;
  const counts = (): BackendCounts => {
    if (last) return last;
    const compiled = pipelines();
    return {
      reads,
      gpuReads: onGpu ? gpuReads : null,
      dispatches: canDispatch ? dispatches : null,
      buffersCreated: canCreate ? buffersCreated : null,
      bytesCreated: canCreate ? bytesCreated : null,
      shaderCompilations: compiled === null || pipelinesAtStart === null ? null : compiled - pipelinesAtStart,
    };
  };
  return {
    counts,
    dispatchesByProgram: () => ({ ...(lastByProgram ?? byProgram) }),
    reset() {
      reads = gpuReads = dispatches = buffersCreated = bytesCreated = 0;
      byProgram = {};
      pipelinesAtStart = pipelines();
      last = null;
      lastByProgram = null;
    },
    stop() {
      if (last) return;
      last = counts();
      lastByProgram = { ...byProgram };
      for (const restore of undo.reverse()) restore();
    },
  };
}

/** Counts divided by `steps` (null stays null). */
export function countsPerStep(counts: BackendCounts, steps: number): BackendCounts {
  const per = (value: number | null) => (value === null ? null : value / steps);
  return {
    reads: counts.reads / steps,
    gpuReads: per(counts.gpuReads),
    dispatches: per(counts.dispatches),
    buffersCreated: per(counts.buffersCreated),
    bytesCreated: per(counts.bytesCreated),
    shaderCompilations: per(counts.shaderCompilations),
  };
}
