// A gradient pool of Node worker threads (CLI, benchmarks, tests).
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { NodeBackend } from '../backend/test-backends';
import { createGradientPool, type GradientPool, type HelperThread } from './gradient-pool';

function spawnNodeHelper(backend: NodeBackend): HelperThread {
  const worker = new Worker(new URL('./gradient-worker-node.mjs', import.meta.url), { workerData: { backend } });
  // An idle helper must not keep the process alive (a command would never exit); a call holds it.
  worker.unref();
  let calls = 0;
  return {
    hold() {
      if (calls++ === 0) worker.ref();
      return () => {
        if (--calls === 0) worker.unref();
      };
    },
    endpoint: nodeEndpoint(worker),
    onGone(listener) {
      worker.once('error', (error) => listener(error));
      worker.once('exit', (code) => listener(new Error(`the thread exited (code ${code})`)));
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** `threads` helper threads on `backend` (started by the first step that needs them). */
export function createNodeGradientPool(threads: number, backend: NodeBackend): GradientPool {
  return createGradientPool(threads, backend, () => spawnNodeHelper(backend));
}
