// The lab's wasm SIMD kernels (assembly/, built into wasm-binary.generated.ts), instantiated against the
// memory of the active tfjs-backend-wasm module so they read and write tensors where tfjs keeps them.
//
// tfjs-backend-wasm 4.22 keeps its WebAssembly.Memory at `asm.memory` (simd build) or `wasmMemory`
// (threaded build, a shared memory); the kernels' import must match that memory's sharing, so there
// are two compiled variants. Chromium refuses to compile a module above 4 KB synchronously on a page's
// main thread: there `prepareWasmKernels()` (awaited when the backend starts) compiles it, and until
// then `wasmKernels()` answers null and callers use the tfjs composition.
import * as tf from '@tensorflow/tfjs';
import { PLAIN_MEMORY_KERNELS, SHARED_MEMORY_KERNELS } from './wasm-binary.generated';

/** The exports of assembly/index.ts; every pointer is a byte offset into tfjs-wasm's memory. */
export interface WasmKernelExports {
  columnSum(x: number, rows: number, cols: number, out: number): void;
  /** For tests: out[i] = e^x[i]. */
  expArray(x: number, n: number, out: number): void;
  /** out [batch, cols, rows] = x [batch, rows, cols] with the last two axes swapped. */
  transposeLastTwo(x: number, batch: number, rows: number, cols: number, out: number): void;
  /** qkv [B*T, 3d] -> q [B,H,T,hd] times scale, kT [B,H,hd,T], v [B,H,T,hd]. */
  splitHeads(qkv: number, B: number, T: number, H: number, hd: number, scale: number, q: number, kT: number, v: number): void;
  /** dqkv [B*T, 3d] <- dq [B,H,T,hd] times scale, dkT [B,H,hd,T], dv [B,H,T,hd]. */
  joinHeadGradients(dq: number, dkT: number, dv: number, B: number, T: number, H: number, hd: number, scale: number, dqkv: number): void;
  /** mixed [B,H,T,hd] -> out [B*T, H hd]. */
  mergeHeads(mixed: number, B: number, T: number, H: number, hd: number, out: number): void;
  /** dout [B*T, H hd] -> dmixed [B,H,T,hd]. */
  unmergeHeads(dout: number, B: number, T: number, H: number, hd: number, dmixed: number): void;
}

interface EmscriptenModule {
  asm?: { memory?: WebAssembly.Memory };
  wasmMemory?: WebAssembly.Memory;
}

const instances = new WeakMap<object, WasmKernelExports>();
const compiled = new Map<'plain' | 'shared', WebAssembly.Module>();

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function memoryOf(wasm: EmscriptenModule): WebAssembly.Memory | null {
  const memory = wasm.wasmMemory ?? wasm.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

function variantFor(memory: WebAssembly.Memory): 'plain' | 'shared' {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer ? 'shared' : 'plain';
}

function bytesOf(variant: 'plain' | 'shared'): Uint8Array<ArrayBuffer> {
  return decode(variant === 'shared' ? SHARED_MEMORY_KERNELS : PLAIN_MEMORY_KERNELS);
}

function emscriptenModuleOf(backend: unknown): EmscriptenModule | null {
  const wasm = (backend as { wasm?: EmscriptenModule } | null)?.wasm;
  return wasm && typeof wasm === 'object' ? wasm : null;
}

function remember(wasm: EmscriptenModule, instance: WebAssembly.Instance): WasmKernelExports {
  const kernels = instance.exports as unknown as WasmKernelExports;
  instances.set(wasm, kernels);
  return kernels;
}

/**
 * The kernels bound to `backend`'s memory (default: the active backend), or null when it is not
 * tfjs-backend-wasm 4.22 or the module could not be compiled here yet (see prepareWasmKernels).
 */
export function wasmKernels(backend: unknown = tf.backend()): WasmKernelExports | null {
  const wasm = emscriptenModuleOf(backend);
  if (!wasm) return null;
  const ready = instances.get(wasm);
  if (ready) return ready;
  const memory = memoryOf(wasm);
  if (!memory) return null;
  const variant = variantFor(memory);
  let module = compiled.get(variant);
  if (!module) {
    try {
      module = new WebAssembly.Module(bytesOf(variant));
    } catch {
      return null; // a page's main thread: prepareWasmKernels compiles it asynchronously
    }
    compiled.set(variant, module);
  }
  try {
    return remember(wasm, new WebAssembly.Instance(module, { env: { memory } }));
  } catch {
    return null;
  }
}

/** Compiles and instantiates the kernels for the active wasm backend without blocking; true when they are ready. */
export async function prepareWasmKernels(backend: unknown = tf.backend()): Promise<boolean> {
  const wasm = emscriptenModuleOf(backend);
  const memory = wasm && memoryOf(wasm);
  if (!wasm || !memory) return false;
  if (instances.has(wasm)) return true;
  const variant = variantFor(memory);
  let module = compiled.get(variant);
  if (!module) {
    module = await WebAssembly.compile(bytesOf(variant));
    compiled.set(variant, module);
  }
  remember(wasm, await WebAssembly.instantiate(module, { env: { memory } }));
  return true;
}
