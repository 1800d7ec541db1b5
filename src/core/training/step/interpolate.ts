// Weight interpolation (the WI stage): theta = (1 - alpha) * A + alpha * B, parameter by
// parameter. Written in that form so alpha = 0 and alpha = 1 give A and B exactly.

import * as tf from '@tensorflow/tfjs';
import { LabError, registerLabError } from '../../errors';
import type { ParamMap } from '../../model/gpt';

/** Two parameter maps that do not describe the same model. */
export class ParamMismatchError extends LabError {}
registerLabError(ParamMismatchError);

function checkSameLayout(a: ParamMap, b: ParamMap): void {
  for (const name of a.keys()) {
    if (!b.has(name)) throw new ParamMismatchError(`Parameter "${name}" is in the first model only.`, { name });
  }
  for (const [name, tensor] of b) {
    const other = a.get(name);
    if (!other) throw new ParamMismatchError(`Parameter "${name}" is in the second model only.`, { name });
    if (!tf.util.arraysEqual(other.shape, tensor.shape)) {
      throw new ParamMismatchError(`Parameter "${name}" has shape [${other.shape}] in one model and [${tensor.shape}] in the other.`, {
        name, shapeA: other.shape, shapeB: tensor.shape,
      });
    }
  }
}

/** New tensors (the caller disposes them). */
export function interpolateParams(a: ParamMap, b: ParamMap, alpha: number): Map<string, tf.Tensor> {
  if (!Number.isFinite(alpha)) throw new RangeError(`Interpolation: alpha must be a finite number, got ${alpha}.`);
  checkSameLayout(a, b);
  const out = new Map<string, tf.Tensor>();
  for (const [name, tensorA] of a) {
    out.set(name, tf.tidy(() => tf.add(tf.mul(tensorA, 1 - alpha), tf.mul(b.get(name)!, alpha))));
  }
  return out;
}

/** Copies source values into the target variables (same names and shapes). */
export function assignParams(target: ReadonlyMap<string, tf.Variable>, source: ParamMap): void {
  checkSameLayout(target, source);
  for (const [name, variable] of target) variable.assign(source.get(name)!);
}

/** Independent copies, e.g. to keep the probe's weights while fine-tuning goes on. */
export function cloneParams(source: ParamMap): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  for (const [name, tensor] of source) out.set(name, tf.clone(tensor));
  return out;
}

export function disposeParams(params: ParamMap): void {
  for (const tensor of params.values()) tensor.dispose();
}
