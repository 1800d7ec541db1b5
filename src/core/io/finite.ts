// Finite checks on weights before they are saved: a NaN or an infinity in a checkpoint makes every
// later use of it fail, so no save path stores one.
import { NonFiniteTensorError } from './errors';
import type { NamedTensor } from './safetensors';

export interface NonFiniteValue {
  tensor: string;
  index: number;
  value: number;
}

/** The first NaN or infinity among the float32 tensors, or null (int32 tensors cannot hold one). */
export function firstNonFinite(tensors: readonly NamedTensor[]): NonFiniteValue | null {
  for (const tensor of tensors) {
    if (!(tensor.data instanceof Float32Array)) continue;
    const data = tensor.data;
    for (let index = 0; index < data.length; index++) {
      // x - x is 0 for every finite x and NaN for NaN and both infinities.
      if (data[index] - data[index] !== 0) return { tensor: tensor.name, index, value: data[index] };
    }
  }
  return null;
}

/** Throws NonFiniteTensorError naming `where`, the tensor, the position and the value; `outcome` ends the message. */
export function requireFinite(tensors: readonly NamedTensor[], where: string, outcome = ''): void {
  const found = firstNonFinite(tensors);
  if (!found) return;
  throw new NonFiniteTensorError(`${where}: tensor "${found.tensor}" holds ${found.value} at index ${found.index}${outcome ? `; ${outcome}` : ''}`, {
    where,
    ...found,
    value: String(found.value),
  });
}
