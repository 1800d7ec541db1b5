// Browser host: the bundler copies the three wasm binaries into the build and gives their URLs.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmPaths } from './setup';

export function browserWasmPaths(): WasmPaths {
  // Absolute URLs: the threaded build loads the binary from a blob: worker, where relative URLs fail.
  const absolute = (url: string) => new URL(url, self.location.href).href;
  return {
    'tfjs-backend-wasm.wasm': absolute(wasmPlain),
    'tfjs-backend-wasm-simd.wasm': absolute(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreadedSimd),
  };
}
