// A fused kernel of the lab on the cpu and wasm backends: one tfjs kernel (so tf.profile, tidy and the
// memory counters see it like any other) with a JavaScript body on cpu, the reference, and a wasm SIMD
// body (assembly/) on wasm that works on the tensors where tfjs-backend-wasm keeps them.
import * as tf from '@tensorflow/tfjs';
import { wasmKernels, type WasmKernelExports } from './wasm-instance';

export type KernelArray = Float32Array | Int32Array;
export type KernelDtype = 'float32' | 'int32';

export interface KernelOutput {
  shape: number[];
  dtype: KernelDtype;
}

export interface FusedKernelSpec<Attrs extends object> {
  /** The tfjs kernel name (Lab...). */
  name: string;
  /** Input names in the order the bodies receive them. */
  inputs: readonly string[];
  /** Checks the inputs (throwing a RangeError that names what is wrong) and gives the outputs' shapes. */
  outputs(shapes: number[][], attrs: Attrs): KernelOutput[];
  /** The reference body: reads `inputs`, writes every element of `outputs` (which start zeroed). */
  cpu(inputs: KernelArray[], shapes: number[][], outputs: KernelArray[], attrs: Attrs): void;
  /** Floats of working memory the wasm body needs (default none); it gets their offset as `scratch`. */
  scratch?(shapes: number[][], attrs: Attrs): number;
  /** The wasm body: the same computation on byte offsets into tfjs-wasm's memory. */
  wasm(kernels: WasmKernelExports, inputs: number[], shapes: number[][], outputs: number[], attrs: Attrs, scratch: number): void;
}

interface CpuBackend {
  readSync(dataId: object): KernelArray;
  makeTensorInfo(shape: number[], dtype: KernelDtype, values: KernelArray): tf.TensorInfo;
}

interface WasmBackend {
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: KernelDtype): tf.TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
}

type KernelArgs = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function ordered(spec: FusedKernelSpec<object>, inputs: tf.NamedTensorInfoMap): tf.TensorInfo[] {
  return spec.inputs.map((name) => {
    const info = inputs[name];
    if (!info) throw new RangeError(`${spec.name}: input ${name} is missing.`);
    return info;
  });
}

function cpuKernel(spec: FusedKernelSpec<object>) {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] => {
    const cpu = backend as CpuBackend;
    const infos = ordered(spec, inputs);
    const shapes = infos.map((t) => t.shape);
    const outputs = spec.outputs(shapes, attrs ?? {});
    const arrays = outputs.map(({ shape, dtype }) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
    });
    spec.cpu(infos.map((t) => cpu.readSync(t.dataId)), shapes, arrays, attrs ?? {});
    return outputs.map(({ shape, dtype }, i) => cpu.makeTensorInfo(shape, dtype, arrays[i]));
  };
}

function wasmKernel(spec: FusedKernelSpec<object>) {
  return ({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo[] => {
    const wasm = backend as WasmBackend;
    const kernels = wasmKernels(backend);
    if (!kernels) throw new Error(`${spec.name}: the lab's wasm kernels are not loaded on this backend.`);
    const infos = ordered(spec, inputs);
    const shapes = infos.map((t) => t.shape);
    const outputs = spec.outputs(shapes, attrs ?? {}).map(({ shape, dtype }) => wasm.makeOutput(shape, dtype));
    const scratchFloats = spec.scratch?.(shapes, attrs ?? {}) ?? 0;
    const scratch = scratchFloats > 0 ? wasm.makeOutput([scratchFloats], 'float32') : null;
    // Offsets are read after every allocation: one may grow the memory (offsets stay valid).
    const offset = (t: tf.TensorInfo) => {
      const data = wasm.dataIdMap.get(t.dataId);
      if (!data) throw new Error(`${spec.name}: a tensor of shape [${t.shape}] has no wasm memory.`);
      return data.memoryOffset;
    };
    try {
      spec.wasm(kernels, infos.map(offset), shapes, outputs.map(offset), attrs ?? {}, scratch ? offset(scratch) : 0);
    } catch (error) {
      for (const output of outputs) wasm.disposeData(output.dataId, true);
      throw error;
    } finally {
      if (scratch) wasm.disposeData(scratch.dataId, true);
    }
    return outputs;
  };
}

const registered = new Set<string>();

function register(spec: FusedKernelSpec<object>): void {
  if (registered.has(spec.name)) return;
  registered.add(spec.name);
  // The registry is global and may already hold the kernel (a module loaded twice, e.g. by test isolation).
  if (!tf.getKernel(spec.name, 'cpu')) tf.registerKernel({ kernelName: spec.name, backendName: 'cpu', kernelFunc: cpuKernel(spec) as unknown as tf.KernelFunc });
  if (!tf.getKernel(spec.name, 'wasm')) tf.registerKernel({ kernelName: spec.name, backendName: 'wasm', kernelFunc: wasmKernel(spec) as unknown as tf.KernelFunc });
}

/** Runs the kernel on the active backend (cpu or wasm); its outputs in the order spec.outputs gives. */
export function runKernel<Attrs extends object>(spec: FusedKernelSpec<Attrs>, inputs: tf.Tensor[], attrs: Attrs): tf.Tensor[] {
  register(spec as unknown as FusedKernelSpec<object>);
  if (inputs.length !== spec.inputs.length) throw new RangeError(`${spec.name}: ${inputs.length} inputs for ${spec.inputs.length}.`);
  const named: tf.NamedTensorMap = {};
  spec.inputs.forEach((name, i) => { named[name] = inputs[i]; });
  const result = tf.engine().runKernel(spec.name, named, attrs as unknown as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];
  return Array.isArray(result) ? result : [result];
}

/** True when the active backend can run these kernels: cpu, or wasm with the module loaded. */
export function kernelsAvailable(backend: string = tf.getBackend()): boolean {
  if (backend === 'cpu') return true;
  return backend === 'wasm' && wasmKernels() !== null;
}
