// The engine in Node (CLI, unit tests, benchmarks): cpu and wasm backends, wasm binaries from node_modules.
import { availableParallelism } from 'node:os';
import { probeBackends } from '../core/backend/probe';
import { nodeWasmPaths } from '../core/backend/wasm-paths-node';
import { createNodeGradientPool } from '../core/parallel/node-gradient-pool';
import { createLabEngine, type EngineHost } from './lab-engine';
import type { LabEngine } from './types';

export const nodeEngineHost: EngineHost = {
  probe: () => probeBackends({ host: 'node', logicalCores: availableParallelism() }),
  wasmPaths: nodeWasmPaths,
  // Worker threads with their own tfjs; 1 training thread unless init() asks (the CLI's --threads).
  createGradientPool: (helpers, backend) => {
    if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`Training threads run on wasm or cpu, not ${backend}.`);
    return createNodeGradientPool(helpers, backend);
  },
};

export function createNodeLabEngine(): LabEngine {
  return createLabEngine(nodeEngineHost);
}
