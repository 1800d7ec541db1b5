// Test support: a gradient pool whose one helper thread exits as soon as it starts.
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createGradientPool, type GradientPool } from './gradient-pool';

export function dyingPool(backend: string, exitCode = 3): GradientPool {
  return createGradientPool(1, backend, () => {
    const worker = new Worker(`process.exit(${exitCode})`, { eval: true });
    return {
      endpoint: nodeEndpoint(worker),
      onGone: (listener) => worker.once('exit', (code) => listener(new Error(`the thread exited (code ${code})`))),
      terminate: async () => void (await worker.terminate()),
    };
  });
}
