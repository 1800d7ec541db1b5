// Test and script support in Node: switch tfjs between the cpu and wasm backends.
// (The app chooses its backend with policy.ts and setup.ts; this only serves Node-side checks.)

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmPaths } from './wasm-paths-node';

export type NodeBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

export async function useBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(nodeWasmPaths());
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not initialise.`);
  await tf.ready();
}
