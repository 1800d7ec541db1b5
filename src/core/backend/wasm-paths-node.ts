// Node host: the wasm binaries sit next to the package's entry file in node_modules.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import type { WasmPaths } from './setup';

export function nodeWasmPaths(): WasmPaths {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return `${dirname(entry)}${sep}`;
}
