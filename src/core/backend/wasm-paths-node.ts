// Node host: the wasm binaries sit next to the package's entry file in node_modules.
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { dirname, sep } from 'node:path';
import type { WasmPaths } from './setup';

export function nodeWasmPaths(): WasmPaths {
  const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return `${dirname(entry)}${sep}`;
}

// Node 20's V8 has relaxed SIMD (the lab's wasm kernels use its fused multiply-add) behind a flag;
// Chromium and Node 22+ have it on. Every Node host starts its wasm backend through this file, before
// the kernels compile. Without it the kernels' plain-SIMD variant runs.
if (Number(process.versions.node.split('.')[0]) < 22) v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
