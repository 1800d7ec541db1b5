// The lab's wasm SIMD kernels (assembly/, built into wasm-binary.generated.ts), instantiated against the
// memory of the active tfjs-backend-wasm module so they read and write tensors where tfjs keeps them.
//
// tfjs-backend-wasm 4.22 keeps its WebAssembly.Memory at `asm.memory` (simd build) or `wasmMemory`
// (threaded build, a shared memory); the kernels' import must match that memory's sharing, so there
// are compiled variants for both, each with relaxed SIMD (fused multiply-add, where the host has it:
// Chromium; Node 20 behind a flag wasm-paths-node.ts sets) and without. Chromium refuses to compile a module above 4 KB synchronously on a page's
// main thread: there `prepareWasmKernels()` (awaited when the backend starts) compiles it, and until
// then `wasmKernels()` answers null and callers use the tfjs composition.
import * as tf from '@tensorflow/tfjs';
import { shareIdentityOnWasm } from './shared-identity';
import { PLAIN_KERNELS, PLAIN_RELAXED_KERNELS, SHARED_KERNELS, SHARED_RELAXED_KERNELS } from './wasm-binary.generated';

/** The exports of assembly/index.ts; every pointer is a byte offset into tfjs-wasm's memory. */
export interface WasmKernelExports {
  columnSum(x: number, rows: number, cols: number, out: number): void;
  /** Each returns the position of the first id outside [0, rows), or -1. */
  gatherRows(table: number, rows: number, width: number, ids: number, n: number, out: number): number;
  scatterAddRows(dy: number, n: number, width: number, ids: number, rows: number, out: number): number;
  /** batch products C = op(A) op(B) (+ bias, 0 for none); scratch holds gemmScratchFloats(K, N) floats. */
  gemm(a: number, b: number, bias: number, c: number, batch: number, M: number, K: number, N: number, transA: number, transB: number, scratch: number): void;
  gemmScratchFloats(K: number, N: number): number;
  biasGelu(h: number, b: number, rows: number, cols: number, out: number): void;
  biasGeluGrad(dy: number, h: number, b: number, rows: number, cols: number, dh: number): void;
  maskedSoftmax(scores: number, ids: number, batch: number, heads: number, len: number, padId: number, out: number): void;
  softmaxGrad(p: number, dy: number, rows: number, cols: number, ds: number): void;
  /** For tests: out[i] = e^x[i]. */
  expArray(x: number, n: number, out: number): void;
  /** out[0] = sum of x[i]^2 (float32 squares, float64 sum), plus out[0] when accumulate is 1. */
  addSumOfSquares(x: number, n: number, out: number, accumulate: number): void;
  adamW(
    param: number, m: number, v: number, grad: number, sumSq: number, n: number,
    outParam: number, outM: number, outV: number,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, epsilon: number,
    sqrtCorrection2: number, decay: number, stepSize: number, maxNorm: number, clip: number,
  ): void;
  layerNorm(x: number, gain: number, bias: number, rows: number, cols: number, epsilon: number, out: number, stats: number): void;
  layerNormGrad(dy: number, x: number, gain: number, stats: number, rows: number, cols: number, dx: number, dgain: number, dbias: number): void;
  crossEntropy(logits: number, targets: number, rows: number, cols: number, loss: number, probs: number): void;
  crossEntropyGrad(probs: number, targets: number, dy: number, rows: number, cols: number, dlogits: number): void;
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

type Variant = 'plain' | 'shared' | 'plain-relaxed' | 'shared-relaxed';

const BINARIES: Record<Variant, string> = {
  plain: PLAIN_KERNELS,
  shared: SHARED_KERNELS,
  'plain-relaxed': PLAIN_RELAXED_KERNELS,
  'shared-relaxed': SHARED_RELAXED_KERNELS,
};

const instances = new WeakMap<object, WasmKernelExports>();
const compiled = new Map<Variant, WebAssembly.Module>();
let relaxed: boolean | null = null;

/** True when this host's WebAssembly has relaxed SIMD (the kernels then use fused multiply-adds). */
export function hostHasRelaxedSimd(): boolean {
  relaxed ??= WebAssembly.validate(decode(PLAIN_RELAXED_KERNELS));
  return relaxed;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function memoryOf(wasm: EmscriptenModule): WebAssembly.Memory | null {
  const memory = wasm.wasmMemory ?? wasm.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

function variantFor(memory: WebAssembly.Memory): Variant {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return `${shared ? 'shared' : 'plain'}${hostHasRelaxedSimd() ? '-relaxed' : ''}`;
}

function bytesOf(variant: Variant): Uint8Array<ArrayBuffer> {
  return decode(BINARIES[variant]);
}

function emscriptenModuleOf(backend: unknown): EmscriptenModule | null {
  const wasm = (backend as { wasm?: EmscriptenModule } | null)?.wasm;
  return wasm && typeof wasm === 'object' ? wasm : null;
}

function remember(wasm: EmscriptenModule, instance: WebAssembly.Instance): WasmKernelExports {
  shareIdentityOnWasm();
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
