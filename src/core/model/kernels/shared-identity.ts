// tfjs saves every tensor a gradient needs through Identity (engine.clone), and tfjs-backend-wasm 4.22's
// Identity copies the data: 231 copies, ~50 ms and as many extra bytes in one `small` training step.
// Tensors are immutable in tfjs (a variable's assign swaps its data, every kernel writes a new output),
// so a clone can share its input's memory, as the cpu backend's Identity does. This replaces the wasm
// backend's Identity with that sharing one.
import * as tf from '@tensorflow/tfjs';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

function sharedIdentity({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const { x } = inputs as { x: tf.TensorInfo };
  (backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

let replaced = false;

/** Makes Identity on wasm share memory; once, after the wasm backend has registered its kernels. */
export function shareIdentityOnWasm(): void {
  if (replaced) return;
  replaced = true;
  if (tf.getKernel(tf.Identity, 'wasm')) tf.unregisterKernel(tf.Identity, 'wasm');
  tf.registerKernel({ kernelName: tf.Identity, backendName: 'wasm', kernelFunc: sharedIdentity as unknown as tf.KernelFunc });
}
