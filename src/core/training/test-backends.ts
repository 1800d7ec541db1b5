// Test and script support in Node: switch tfjs between the cpu and wasm backends.
// (The app's own backend selection lives elsewhere; this only serves Node-side checks.)

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export type NodeBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

/** Directory of the .wasm binaries shipped in the package, as a path with a trailing slash. */
export function wasmBinaryDirectory(): string {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(entry) + path.sep;
}

export async function useBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(wasmBinaryDirectory());
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not initialise.`);
  await tf.ready();
}
