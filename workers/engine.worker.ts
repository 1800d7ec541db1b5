// The engine worker: owns tfjs and the backend, and exposes the LabEngine through Comlink.
import * as Comlink from 'comlink';
import { defaultTrainingThreads } from '../src/core/backend/policy';
import { probeBackends } from '../src/core/backend/probe';
import { browserWasmPaths } from '../src/core/backend/wasm-paths-browser';
import { liftWasmThreadCap } from '../src/core/backend/wasm-thread-cap';
import { installErrorTransfer } from '../src/core/error-transfer';
// Registers every named error class the engine may throw, so each crosses the boundary as itself.
import '../src/engine/known-errors';
import { holdLivenessLock } from '../src/engine/liveness-lock';
import { createLabEngine } from '../src/engine/lab-engine';
import { createBrowserGradientPool } from '../src/core/parallel/browser-gradient-pool';
import { fetchShippedModels } from '../src/core/pipeline/shipped/source';
import { openLabStore } from '../src/storage';

installErrorTransfer();
// The page learns of this worker's death, however it comes, from this lock (src/ui/engine-client.ts).
holdLivenessLock(self.name, (message) => self.postMessage(message));

const engine = createLabEngine({
  probe: () => probeBackends({ host: 'browser-worker' }),
  wasmPaths: browserWasmPaths,
  // Loaded on demand: most machines without a real GPU never need it.
  loadWebGpu: async () => {
    await import('@tensorflow/tfjs-backend-webgpu');
  },
  // Datasets, tokenizers and checkpoints live in IndexedDB, which workers reach directly. (A static
  // import: the engine's model and pipeline methods load the storage module anyway.)
  openStore: () => openLabStore(),
  liftWasmThreadCap: (threads) => liftWasmThreadCap(threads),
  // Training threads: nested workers, each with its own tfjs on the engine's backend.
  createGradientPool: (helpers, backend) => createBrowserGradientPool(helpers, backend),
  // The probe's core count: liftWasmThreadCap later shows tfjs a larger navigator.hardwareConcurrency.
  defaultTrainingThreads: (backend, probe) => defaultTrainingThreads({ backend, logicalCores: probe.logicalCores }),
  // public/models, served from the page's own origin under the app's base path.
  shippedModels: fetchShippedModels(new URL(`${import.meta.env.BASE_URL}models/`, self.location.origin)),
});

Comlink.expose(engine);
