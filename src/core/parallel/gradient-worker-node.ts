// A Node worker thread of the gradient pool: starts the backend it is given and serves gradients.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { activateBackend } from '../backend/setup';
import { nodeWasmPaths } from '../backend/wasm-paths-node';
import { TrainingThreadStartError } from './errors';
import { requireHelperBackend } from './gradient-pool';
import { gradientService } from './gradient-service';

if (!parentPort) throw new TrainingThreadStartError('gradient-worker-node runs as a worker thread only.');
const backend = requireHelperBackend((workerData as { backend: unknown }).backend);
await activateBackend({ backend, forced: true, reason: 'training thread', adapterInfo: null, threads: 1 }, { wasmPaths: nodeWasmPaths });
Comlink.expose(gradientService, nodeEndpoint(parentPort));
