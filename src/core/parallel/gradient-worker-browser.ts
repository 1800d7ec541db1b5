// A training thread in the browser: a module worker that the engine worker starts
// (browser-gradient-pool.ts). Its first message names the backend and brings the port the pool talks
// over; the worker starts that backend with the engine's wasm binaries and serves gradients and
// inference batches on the port (gradient-service.ts).
// The port queues the pool's calls until the service listens, and every call waits for the backend,
// so a backend that fails to start rejects backend(), which the pool awaits first.
import { prepareWasmKernels } from '../model/kernels/wasm-instance';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as Comlink from 'comlink';
import { activateBackend } from '../backend/setup';
import { browserWasmPaths } from '../backend/wasm-paths-browser';
import { installErrorTransfer } from '../error-transfer';
import { gradientService, type GradientService } from './gradient-service';
import type { ShardRequest } from './shard-gradients';
import type { InferenceRequest } from './shard-inference';
import { TrainingThreadStartError } from './errors';
import { requireHelperBackend } from './gradient-pool';

/** The first message a training thread receives. */
export interface GradientWorkerStart {
  backend: string;
  port: MessagePort;
}

async function start(name: unknown): Promise<void> {
  const backend = requireHelperBackend(name);
  // The pool already gives each training thread a core (policy.ts defaultTrainingThreads), so a helper's
  // kernels run on its own thread: XNNPACK threads on top would compete for the same cores.
  if (backend === 'wasm') setThreadsCount(1);
  const choice = { backend, forced: true, reason: 'training thread', adapterInfo: null, threads: 1 };
  await activateBackend(choice, { wasmPaths: browserWasmPaths });
  if (backend === 'wasm') await prepareWasmKernels().catch(() => false);
}

function serve({ backend, port }: GradientWorkerStart): void {
  const started = start(backend).catch((error: unknown) => {
    throw new TrainingThreadStartError(`A training thread could not start: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  });
  started.catch(() => undefined); // reported through backend(), the pool's first call
  const service: { [K in keyof GradientService]: (...args: Parameters<GradientService[K]>) => Promise<ReturnType<GradientService[K]>> } = {
    async backend() {
      await started;
      return gradientService.backend();
    },
    async gradients(request: ShardRequest) {
      await started;
      return gradientService.gradients(request);
    },
    async infer(request: InferenceRequest) {
      await started;
      return gradientService.infer(request);
    },
  };
  Comlink.expose(service, port);
}

installErrorTransfer();
self.addEventListener('message', (event: MessageEvent<GradientWorkerStart>) => serve(event.data), { once: true });
