// A WebGPU device can be lost at any time: a driver reset, a removed GPU, the browser reclaiming it,
// or device.destroy(). tfjs does not watch for it, so the engine asks here for the device's `lost`
// promise and, when it settles, stops the job and moves to another backend (engine/backend-loss.ts).
import * as tf from '@tensorflow/tfjs';
import { bufferLimitsOf, type GpuBufferLimits } from './webgpu-limits';

export interface DeviceLoss {
  /** GPUDeviceLostReason: 'destroyed' or 'unknown'. */
  reason: string;
  message: string;
}

interface LosableDevice {
  readonly lost: Promise<{ reason: string; message: string }>;
  readonly limits?: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  destroy(): void;
}

function webGpuDevice(): LosableDevice | null {
  const backend = tf.findBackend('webgpu') as unknown as { device?: LosableDevice } | null;
  return backend?.device ?? null;
}

/** Settles when the device of the active `backend` is lost; null for backends without a device. */
export function webGpuDeviceLoss(backend: string): Promise<DeviceLoss> | null {
  if (backend !== 'webgpu') return null;
  const device = webGpuDevice();
  if (!device) return null;
  return device.lost.then((info) => ({ reason: info.reason, message: info.message }));
}

/** Destroys the WebGPU device, as a driver reset would: lets a person (and the tests) try the recovery. */
export function destroyWebGpuDevice(): boolean {
  const device = webGpuDevice();
  device?.destroy();
  return device !== null;
}

/** The buffer limits the WebGPU device was created with; null without a device. */
export function webGpuDeviceLimits(): GpuBufferLimits | null {
  return bufferLimitsOf(webGpuDevice()?.limits);
}
