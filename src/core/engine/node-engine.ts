// The engine in Node (CLI, unit tests, benchmarks): cpu and wasm backends, wasm binaries from node_modules.
import { availableParallelism } from 'node:os';
import { probeBackends } from '../backend/probe';
import { nodeWasmPaths } from '../backend/wasm-paths-node';
import { createLabEngine, type EngineHost } from './lab-engine';
import type { LabEngine } from './types';

export const nodeEngineHost: EngineHost = {
  probe: () => probeBackends({ host: 'node', logicalCores: availableParallelism() }),
  wasmPaths: nodeWasmPaths,
};

export function createNodeLabEngine(): LabEngine {
  return createLabEngine(nodeEngineHost);
}
