// Gradient clipping by global norm: if ||g|| over all parameters exceeds maxNorm, every
// gradient is scaled by maxNorm / ||g||. The norm stays on the device (no sync).

import * as tf from '@tensorflow/tfjs';

export interface ClippedGradients {
  grads: Map<string, tf.Tensor>;
  /** Global norm before clipping. */
  norm: tf.Scalar;
}

export function globalNorm(grads: Iterable<tf.Tensor>): tf.Scalar {
  const squares = [...grads].map((g) => tf.sum(tf.square(g)));
  // Not tf.addN: on webgpu it binds every input to one shader, beyond the 8 storage buffers a device
  // guarantees per stage; the pipeline fails and the whole command buffer (the update too) is dropped.
  return tf.sqrt(squares.length === 0 ? tf.scalar(0) : squares.reduce((sum, square) => tf.add(sum, square))) as tf.Scalar;
}

/** maxNorm itself, or a RangeError when it is not > 0. */
export function checkedMaxNorm(maxNorm: number): number {
  if (!(maxNorm > 0)) throw new RangeError(`Gradient clipping: maxNorm must be > 0, got ${maxNorm}.`);
  return maxNorm;
}

/** maxNorm = Infinity only measures the norm. */
export function clipByGlobalNorm(grads: ReadonlyMap<string, tf.Tensor>, maxNorm: number): ClippedGradients {
  checkedMaxNorm(maxNorm);
  const norm = globalNorm(grads.values());
  if (maxNorm === Infinity) return { grads: new Map(grads), norm };
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const clipped = new Map<string, tf.Tensor>();
  for (const [name, g] of grads) clipped.set(name, tf.mul(g, scale));
  return { grads: clipped, norm };
}
