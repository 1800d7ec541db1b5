// Counts what a tfjs backend does while some code runs: GPU-to-CPU reads (tensor data(), dataSync(),
// array(): the backend's read/readSync), and on webgpu kernel dispatches, buffers created and shader
// pipelines compiled. Works by wrapping methods on the backend object itself (no tfjs patch), so it
// counts every caller, ours and tfjs's own; stop() puts the original methods back.
//
// tfjs-backend-webgpu 4.22 hooks used: backend.recordAndSubmit (one compute dispatch each),
// backend.bufferManager.acquireBuffer with bufferManager.numBytesAllocated (grows only when a GPUBuffer
// is created, not when a free one is reused), backend.pipelineCache (one entry per compiled shader).
// A backend without a hook gives null for that count (the cpu and wasm backends dispatch nothing).
import * as tf from '@tensorflow/tfjs';

export interface BackendCounts {
  /** Calls of the backend's read and readSync: one per tensor whose values came back to the CPU. */
  reads: number;
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

/** Starts counting on `backend` (default: tfjs's active backend). Call stop() when done, in a finally. */
export function countBackend(backend: tf.KernelBackend = tf.backend()): BackendCounter {
  const target = backend as unknown as Holder;
  let reads = 0;
  let dispatches = 0;
  let buffersCreated = 0;
  let bytesCreated = 0;
  const undo: (() => void)[] = [];
  const add = (restore: (() => void) | null) => restore !== null && undo.push(restore);

  // Outermost calls only: the cpu backend's read() calls readSync(), a complex64 read reads two parts.
  let depth = 0;
  const enter = () => void (depth++ === 0 && reads++);
  const leave = () => void depth--;
  add(wrap(target, 'read', enter, leave));
  add(wrap(target, 'readSync', enter, leave));
  const canDispatch = typeof target.recordAndSubmit === 'function';
  add(wrap(target, 'recordAndSubmit', () => void dispatches++));
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
  const counts = (): BackendCounts => {
    if (last) return last;
    const compiled = pipelines();
    return {
      reads,
      dispatches: canDispatch ? dispatches : null,
      buffersCreated: canCreate ? buffersCreated : null,
      bytesCreated: canCreate ? bytesCreated : null,
      shaderCompilations: compiled === null || pipelinesAtStart === null ? null : compiled - pipelinesAtStart,
    };
  };
  return {
    counts,
    reset() {
      reads = dispatches = buffersCreated = bytesCreated = 0;
      pipelinesAtStart = pipelines();
      last = null;
    },
    stop() {
      if (last) return;
      last = counts();
      for (const restore of undo.reverse()) restore();
    },
  };
}

/** Counts divided by `steps` (null stays null). */
export function countsPerStep(counts: BackendCounts, steps: number): BackendCounts {
  const per = (value: number | null) => (value === null ? null : value / steps);
  return {
    reads: counts.reads / steps,
    dispatches: per(counts.dispatches),
    buffersCreated: per(counts.buffersCreated),
    bytesCreated: per(counts.bytesCreated),
    shaderCompilations: per(counts.shaderCompilations),
  };
}
