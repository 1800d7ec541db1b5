// A checkpoint's weights as one byte stream (its tensors back to back, in order) cut into chunks
// of at most `chunkBytes`, so no record is one giant ArrayBuffer. Pure: no IndexedDB here.
import { checkTensor, type NamedTensor } from '../../core/io/safetensors';
import { CorruptStoredDataError, InvalidStoreInputError } from '../errors';
import type { TensorIndexEntry } from '../types';

/** 4 MiB: small enough that a chunk never strains memory, large enough that a 100 MB model is 25 records. */
export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export interface Layout {
  index: TensorIndexEntry[];
  totalBytes: number;
}

export function layoutTensors(tensors: readonly NamedTensor[], where: string): Layout {
  const names = new Set<string>();
  let offset = 0;
  const index = tensors.map((tensor) => {
    try {
      checkTensor(tensor, where);
    } catch (error) {
      throw new InvalidStoreInputError((error as Error).message);
    }
    if (names.has(tensor.name)) throw new InvalidStoreInputError(`${where}: tensor name "${tensor.name}" appears twice`);
    names.add(tensor.name);
    const entry = { name: tensor.name, dtype: tensor.dtype, shape: [...tensor.shape], byteOffset: offset, byteLength: tensor.data.byteLength };
    offset += tensor.data.byteLength;
    return entry;
  });
  return { index, totalBytes: offset };
}

export function chunkCountFor(totalBytes: number, chunkBytes: number): number {
  return Math.ceil(totalBytes / chunkBytes);
}

/** Yields the chunks one at a time, so only one chunk's copy is in memory besides the tensors. */
export function* chunkTensors(tensors: readonly NamedTensor[], totalBytes: number, chunkBytes: number): Generator<ArrayBuffer> {
  let tensorIndex = 0;
  let tensorOffset = 0;
  for (let start = 0; start < totalBytes; start += chunkBytes) {
    const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - start));
    let filled = 0;
    while (filled < chunk.length) {
      const data = tensors[tensorIndex].data;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const take = Math.min(bytes.length - tensorOffset, chunk.length - filled);
      chunk.set(bytes.subarray(tensorOffset, tensorOffset + take), filled);
      filled += take;
      tensorOffset += take;
      if (tensorOffset === bytes.length) {
        tensorIndex += 1;
        tensorOffset = 0;
      }
    }
    yield chunk.buffer;
  }
}

/** Rebuilds the tensors from chunks in order; `where` names the checkpoint in errors. */
export function assembleTensors(index: readonly TensorIndexEntry[], chunks: readonly ArrayBuffer[], totalBytes: number, where: string): NamedTensor[] {
  const storedBytes = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  if (storedBytes !== totalBytes) {
    throw new CorruptStoredDataError(`${where}: the stored weights are ${storedBytes} bytes but the manifest says ${totalBytes}; delete the checkpoint and save or import it again`);
  }
  let chunkIndex = 0;
  let chunkStart = 0;
  return index.map((entry) => {
    const target = new Uint8Array(entry.byteLength);
    let filled = 0;
    while (filled < entry.byteLength) {
      while (chunkStart + chunks[chunkIndex].byteLength <= entry.byteOffset + filled) {
        chunkStart += chunks[chunkIndex].byteLength;
        chunkIndex += 1;
      }
      const chunk = new Uint8Array(chunks[chunkIndex]);
      const from = entry.byteOffset + filled - chunkStart;
      const take = Math.min(chunk.length - from, entry.byteLength - filled);
      target.set(chunk.subarray(from, from + take), filled);
      filled += take;
    }
    const data = entry.dtype === 'float32' ? new Float32Array(target.buffer) : new Int32Array(target.buffer);
    return { name: entry.name, dtype: entry.dtype, shape: [...entry.shape], data };
  });
}
