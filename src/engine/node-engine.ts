// The engine in Node (CLI, unit tests, benchmarks): cpu and wasm backends, wasm binaries from
// node_modules, and the Node host's methods on files and folders (node-host.ts).
import { availableParallelism } from 'node:os';
import { probeBackends } from '../core/backend/probe';
import { nodeWasmPaths } from '../core/backend/wasm-paths-node';
import { createNodeGradientPool } from '../core/parallel/node-gradient-pool';
import { createLabEngine, type EngineHost } from './lab-engine';
import { createNodeHostMethods } from './node-host';
import type { NodeLabEngine } from './node-host-types';

export const nodeEngineHost: EngineHost = {
  probe: () => probeBackends({ host: 'node', logicalCores: availableParallelism() }),
  wasmPaths: nodeWasmPaths,
  // Worker threads with their own tfjs; 1 training thread unless init() asks (the CLI asks for its
  // --threads, default defaultTrainingThreads in src/core/backend/policy.ts).
  createGradientPool: (helpers, backend) => createNodeGradientPool(helpers, backend),
};

export function createNodeLabEngine(host: EngineHost = nodeEngineHost): NodeLabEngine {
  return createLabEngine(host, createNodeHostMethods);
}
