// A gradient pool of Node worker threads (CLI, benchmarks, tests).
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { TrainingThreadGoneError } from './errors';
import { createGradientPool, requireHelperBackend, type GradientPool, type HelperBackend, type HelperThread } from './gradient-pool';

function spawnNodeHelper(backend: HelperBackend): HelperThread {
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
      worker.once('exit', (code) => listener(new TrainingThreadGoneError(`the thread exited (code ${code})`, { code })));
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** `threads` helper threads on `backend`, wasm or cpu (started by the first step that needs them). */
export function createNodeGradientPool(threads: number, backend: string): GradientPool {
  const helperBackend = requireHelperBackend(backend);
  return createGradientPool(threads, helperBackend, () => spawnNodeHelper(helperBackend));
}
