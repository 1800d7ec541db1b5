// The WebGPU buffer limits a large model needs. WebGPU's defaults bind at most 128 MiB of a storage
// buffer, and GPT-2 small's token embedding alone is 154 MB (50,264 x 768 float32), so the device
// must ask its adapter for more. tfjs-backend-webgpu's registration (4.22, dist/base.js) creates the
// device with `requiredLimits` maxStorageBufferBindingSize and maxBufferSize set to the adapter's own
// (webgpu-limits.test.ts fails if a tfjs upgrade stops doing so); the engine reads back what the
// device was granted, shows it, and refuses a model with a tensor larger than it.
// No tfjs import: the caller hands in the device (device-loss.ts finds it).
import { LabError, registerLabError } from '../errors';

/** A tensor larger than the WebGPU device can bind: the message names the tensor, its size and the limit. */
export class GpuBufferLimitError extends LabError {}
registerLabError(GpuBufferLimitError);

export interface GpuBufferLimits {
  /** Largest storage buffer one shader may bind, bytes. */
  maxStorageBufferBindingSize: number;
  /** Largest buffer the device creates, bytes. */
  maxBufferSize: number;
}

export interface WebGpuLimits {
  /** What the device was created with. */
  granted: GpuBufferLimits;
  /** What the adapter offers (the most the device could get), when known. */
  adapter: GpuBufferLimits | null;
}

/** The spec's defaults: what a device gets when it asks for nothing. */
export const WEBGPU_DEFAULT_LIMITS: GpuBufferLimits = { maxStorageBufferBindingSize: 134_217_728, maxBufferSize: 268_435_456 };

/** The two limits of a GPUSupportedLimits (an adapter's or a device's). */
export function bufferLimitsOf(limits: { maxStorageBufferBindingSize: number; maxBufferSize: number } | undefined | null): GpuBufferLimits | null {
  if (!limits) return null;
  return { maxStorageBufferBindingSize: Number(limits.maxStorageBufferBindingSize), maxBufferSize: Number(limits.maxBufferSize) };
}

export interface SizedTensor {
  name: string;
  shape: readonly number[];
}

const FLOAT32_BYTES = 4;
const count = (value: number) => value.toLocaleString('en-US');

/** The largest tensor by bytes (float32), or null when there is none. */
export function largestTensor(tensors: readonly SizedTensor[]): { name: string; shape: readonly number[]; bytes: number } | null {
  let largest: { name: string; shape: readonly number[]; bytes: number } | null = null;
  for (const tensor of tensors) {
    const bytes = tensor.shape.reduce((a, b) => a * b, 1) * FLOAT32_BYTES;
    if (!largest || bytes > largest.bytes) largest = { name: tensor.name, shape: tensor.shape, bytes };
  }
  return largest;
}

/**
 * Refuses tensors that one WebGPU binding cannot hold: the largest must fit both the granted
 * maxStorageBufferBindingSize and maxBufferSize. `where` names the model.
 */
export function checkTensorsFitWebGpu(tensors: readonly SizedTensor[], limits: GpuBufferLimits, where: string): void {
  const largest = largestTensor(tensors);
  if (!largest) return;
  const [limitName, limit] = limits.maxStorageBufferBindingSize <= limits.maxBufferSize
    ? ['maxStorageBufferBindingSize', limits.maxStorageBufferBindingSize] as const
    : ['maxBufferSize', limits.maxBufferSize] as const;
  if (largest.bytes <= limit) return;
  throw new GpuBufferLimitError(
    `${where}: tensor "${largest.name}" [${largest.shape.join(', ')}] is ${count(largest.bytes)} bytes, but this WebGPU device binds at most ${count(limit)} bytes (${limitName}); ` +
      'use the wasm backend (?backend=wasm) or a GPU that allows larger buffers.',
    { tensor: largest.name, bytes: largest.bytes, limit: limitName, limitBytes: limit },
  );
}
