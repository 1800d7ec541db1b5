// tfjs-backend-wasm 4.22 starts min(requested, 8, hardwareConcurrency / 2) threads (policy.ts), so a
// 2-core machine computes on one. Asking for more means showing tfjs a larger hardwareConcurrency
// while its wasm module starts. Opt-in: with other work on the cores a pool that waits for its
// slowest thread ran slower (BENCHMARKS.md, "Threads").
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

/**
 * Lets the wasm backend start `threads` threads. Call before it first starts (later calls change
 * nothing: tfjs reads both values once). Only a cross-origin isolated browser worker or page uses
 * threads at all; Node runs tfjs-wasm single-threaded whatever is asked.
 */
export function liftWasmThreadCap(threads: number, scope: { navigator?: { hardwareConcurrency?: number } } = globalThis): void {
  const navigator = scope.navigator;
  if (navigator) {
    const shown = Math.max(navigator.hardwareConcurrency ?? 1, threads * 2);
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: shown, configurable: true });
  }
  setThreadsCount(threads);
}
