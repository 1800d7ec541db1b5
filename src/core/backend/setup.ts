// Starts the chosen tfjs backend. The host (worker or Node) supplies what differs between them:
// where the wasm binaries live and how to load the browser-only WebGPU backend.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BackendSetupError } from './errors';
import type { BackendChoice, BackendName } from './types';

export type WasmBinaryName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';
/** A folder prefix ending in a separator, or one URL per binary. */
export type WasmPaths = string | Record<WasmBinaryName, string>;

export interface BackendModules {
  wasmPaths(): WasmPaths;
  /** Registers the webgpu backend with tfjs (browser hosts only). */
  loadWebGpu?(): Promise<void>;
}

let wasmPathsSet = false;

// tfjs picks the wasm thread count itself: setThreadsCount is capped at half the logical cores (policy.ts).
function configureWasm(modules: BackendModules): void {
  if (wasmPathsSet) return;
  setWasmPaths(modules.wasmPaths());
  wasmPathsSet = true;
}

async function register(backend: BackendName, modules: BackendModules): Promise<void> {
  if (backend === 'wasm') configureWasm(modules);
  if (backend === 'webgpu') {
    if (!modules.loadWebGpu) throw new BackendSetupError('This host cannot load the WebGPU backend.', { backend });
    await modules.loadWebGpu();
  }
}

/** Activates the backend and returns the number of threads it really uses. */
export async function activateBackend(choice: BackendChoice, modules: BackendModules): Promise<{ threads: number }> {
  await register(choice.backend, modules);
  let started = false;
  let cause: unknown;
  try {
    started = await tf.setBackend(choice.backend);
    await tf.ready();
  } catch (error) {
    cause = error;
  }
  if (!started || tf.getBackend() !== choice.backend) {
    const why = cause instanceof Error ? cause.message : 'tfjs could not initialise it (see the console for its warning)';
    throw new BackendSetupError(`The ${choice.backend} backend failed to start: ${why}.`, { backend: choice.backend }, { cause });
  }
  return { threads: choice.backend === 'wasm' ? getThreadsCount() : 1 };
}

export function activeBackendName(): string | null {
  return tf.getBackend() ?? null;
}
