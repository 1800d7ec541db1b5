// A Node worker thread of the gradient pool: starts the backend it is given and serves gradients.
import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { useBackend, type NodeBackend } from '../backend/test-backends';
import { gradientService } from './gradient-service';

if (!parentPort) throw new Error('gradient-worker-node runs as a worker thread only.');
await useBackend((workerData as { backend: NodeBackend }).backend);
Comlink.expose(gradientService, nodeEndpoint(parentPort));
