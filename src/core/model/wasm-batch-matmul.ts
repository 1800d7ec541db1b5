// Batched matMul on the wasm backend through XNNPACK, one 2-D product per batch entry.
//
// tfjs-backend-wasm 4.22 sends a product to XNNPACK only when both operands have batch size 1; any
// batched product ([B,H,T,hd] @ [B,H,hd,T] in attention) runs a scalar triple loop at ~2 GFLOP/s.
// This kernel runs the same product as B 2-D XNNPACK products over views of the operands' memory:
// for each batch entry it registers the entry's slices of a, b and the output as temporary tensors
// of the wasm module (no copy), calls the backend's own BatchMatMul entry point on them (batch 1:
// the fast path), and unregisters them (which also frees the XNNPACK operator built for that b).
// Measured in Node (`[64,64,32] @ [64,32,64]`): 7.6 ms batched, 1.1 ms here.
//
// It uses internals of tfjs-backend-wasm 4.22.0 (the version package.json pins): the backend's
// dataIdMap/dataIdNextNumber, wasm.tfjs.registerTensor/disposeData and the exported BatchMatMul.
// `wasmBatchMatMulSupported` checks they are there; when they are not, callers use tf.matMul.

import * as tf from '@tensorflow/tfjs';

export const SLICED_BATCH_MATMUL = 'LabSlicedBatchMatMul';

interface WasmModule {
  cwrap(name: string, returns: null, args: string[]): (...args: unknown[]) => void;
  tfjs: {
    registerTensor(id: number, size: number, memoryOffset: number): void;
    disposeData(id: number): void;
  };
}

interface WasmBackendInternals {
  wasm: WasmModule;
  dataIdNextNumber: number;
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

type BatchMatMulEntry = (
  aId: number, aShape: Uint8Array, aRank: number, bId: number, bShape: Uint8Array, bRank: number,
  transposeA: boolean, transposeB: boolean, outId: number,
) => void;

const entryPoints = new WeakMap<WasmModule, BatchMatMulEntry>();

function internals(backend: unknown): WasmBackendInternals | null {
  const candidate = backend as Partial<WasmBackendInternals> | null;
  const wasm = candidate?.wasm;
  if (!candidate || !wasm || typeof wasm.cwrap !== 'function' || typeof wasm.tfjs?.registerTensor !== 'function' ||
    typeof wasm.tfjs.disposeData !== 'function' || typeof candidate.dataIdNextNumber !== 'number' ||
    typeof candidate.dataIdMap?.get !== 'function' || typeof candidate.makeOutput !== 'function') {
    return null;
  }
  return candidate as WasmBackendInternals;
}

function batchMatMulEntry(wasm: WasmModule): BatchMatMulEntry {
  let entry = entryPoints.get(wasm);
  if (!entry) {
    // The signature tfjs-backend-wasm 4.22's own BatchMatMul kernel binds (kernels/BatchMatMul.js).
    entry = wasm.cwrap(tf.BatchMatMul, null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']) as BatchMatMulEntry;
    entryPoints.set(wasm, entry);
  }
  return entry;
}

function offsetOf(backend: WasmBackendInternals, tensor: tf.TensorInfo): number {
  const data = backend.dataIdMap.get(tensor.dataId);
  if (!data) throw new Error(`${SLICED_BATCH_MATMUL}: a tensor of shape [${tensor.shape}] has no wasm memory.`);
  return data.memoryOffset;
}

const shapeBytes = (shape: number[]) => new Uint8Array(new Int32Array(shape).buffer);

function slicedBatchMatMul({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const wasmBackend = internals(backend);
  if (!wasmBackend) throw new Error(`${SLICED_BATCH_MATMUL}: the active backend is not tfjs-backend-wasm 4.22.`);
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length !== 3 || b.shape.length !== 3) {
    throw new Error(`${SLICED_BATCH_MATMUL}: needs float32 [N,m,k] and [N,k,n], got ${a.dtype} [${a.shape}] and ${b.dtype} [${b.shape}].`);
  }
  const [N, m, k] = a.shape;
  const n = b.shape[2];
  if (b.shape[0] !== N || b.shape[1] !== k) throw new Error(`${SLICED_BATCH_MATMUL}: [${a.shape}] and [${b.shape}] do not multiply.`);
  const out = wasmBackend.makeOutput([N, m, n], 'float32');
  if (N * m * n === 0) return out;
  const { wasm } = wasmBackend;
  const run = batchMatMulEntry(wasm);
  const aBase = offsetOf(wasmBackend, a);
  const bBase = offsetOf(wasmBackend, b);
  const outBase = offsetOf(wasmBackend, out);
  const aShape = shapeBytes([1, m, k]);
  const bShape = shapeBytes([1, k, n]);
  for (let i = 0; i < N; i++) {
    // Ids from the backend's own counter, so they never collide with a real tensor's.
    const aId = wasmBackend.dataIdNextNumber++;
    const bId = wasmBackend.dataIdNextNumber++;
    const outId = wasmBackend.dataIdNextNumber++;
    wasm.tfjs.registerTensor(aId, m * k, aBase + 4 * i * m * k);
    wasm.tfjs.registerTensor(bId, k * n, bBase + 4 * i * k * n);
    wasm.tfjs.registerTensor(outId, m * n, outBase + 4 * i * m * n);
    try {
      run(aId, aShape, 3, bId, bShape, 3, false, false, outId);
    } finally {
      // Unregisters the views only (the memory belongs to a, b and out) and deletes the cached XNNPACK operator of bId.
      wasm.tfjs.disposeData(aId);
      wasm.tfjs.disposeData(bId);
      wasm.tfjs.disposeData(outId);
    }
  }
  return out;
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  // The kernel registry is global and may already hold this kernel (a module loaded twice, e.g. by test isolation).
  if (tf.getKernel(SLICED_BATCH_MATMUL, 'wasm')) return;
  tf.registerKernel({ kernelName: SLICED_BATCH_MATMUL, backendName: 'wasm', kernelFunc: slicedBatchMatMul as unknown as tf.KernelFunc });
}

/** True when the active backend is wasm and exposes what the sliced kernel needs. */
export function wasmBatchMatMulSupported(): boolean {
  return tf.getBackend() === 'wasm' && internals(tf.backend()) !== null;
}

/** a [N,m,k] @ b [N,k,n] as N XNNPACK products (wasm only; no gradient of its own: callers wrap it). */
export function wasmBatchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  register();
  return tf.engine().runKernel(SLICED_BATCH_MATMUL, { a, b }, {}) as tf.Tensor3D;
}
