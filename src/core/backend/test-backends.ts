// Tests in Node: switch tfjs between the cpu and wasm backends through the lab's one set-up path
// (src/core/backend/setup.ts, with Node's wasm binaries), as the engine's init() does.
import { activateBackend } from './setup';
import { nodeWasmPaths } from './wasm-paths-node';

export type NodeBackend = 'cpu' | 'wasm';

export async function useBackend(name: NodeBackend): Promise<void> {
  await activateBackend({ backend: name, forced: true, reason: 'test', adapterInfo: null, threads: 1 }, { wasmPaths: nodeWasmPaths });
}
