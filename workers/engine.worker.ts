// The engine worker: owns tfjs and the backend, and exposes the LabEngine through Comlink.
import * as Comlink from 'comlink';
import { probeBackends } from '../src/core/backend/probe';
import { browserWasmPaths } from '../src/core/backend/wasm-paths-browser';
import { liftWasmThreadCap } from '../src/core/backend/wasm-thread-cap';
import { installErrorTransfer } from '../src/core/engine/error-transfer';
import { createLabEngine } from '../src/core/engine/lab-engine';
import { openLabStore } from '../src/storage';

installErrorTransfer();

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
});

Comlink.expose(engine);
