// Steps whose loss and gradient norm stay on the device until the trainer asks for them: a step
// queues its work and returns at once, and readSteps brings the figures of many steps back in one
// GPU-to-CPU read. On webgpu each read waits for the whole queue to drain, so reading every step
// stalls the GPU once per step; reading every N steps stalls it once per N.
import * as tf from '@tensorflow/tfjs';
import type { StepResult } from './train-step';

/** A step's loss and gradient norm: scalars still on the device, or numbers already on the CPU. */
export interface PendingStep {
  loss: tf.Scalar | number;
  gradNorm: tf.Scalar | number;
}

function tensorsOf(steps: readonly PendingStep[]): tf.Scalar[] {
  return steps.flatMap((step) => [step.loss, step.gradNorm].filter((value): value is tf.Scalar => typeof value !== 'number'));
}

/** Frees the device scalars of steps that will never be read (a cancelled or failed stage). */
export function disposeSteps(steps: readonly PendingStep[]): void {
  tf.dispose(tensorsOf(steps));
}

/** The loss and gradient norm of every step, in order, with one read for all of them; frees their scalars. */
export async function readSteps(steps: readonly PendingStep[]): Promise<StepResult[]> {
  const tensors = tensorsOf(steps);
  try {
    let values: ArrayLike<number> = [];
    if (tensors.length === 1) values = await tensors[0].data();
    else if (tensors.length > 1) {
      const stacked = tf.stack(tensors);
      try {
        values = await stacked.data();
      } finally {
        stacked.dispose();
      }
    }
    let next = 0;
    const value = (figure: tf.Scalar | number) => (typeof figure === 'number' ? figure : values[next++]);
    return steps.map((step) => {
      const loss = value(step.loss);
      return { loss, gradNorm: value(step.gradNorm) };
    });
  } finally {
    tf.dispose(tensors);
  }
}
