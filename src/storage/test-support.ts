// Helpers for the storage tests (Node, fake-indexeddb): fresh database names and sample data.
import type { DatasetInfo, Example, Split } from '../core/data/schema';
import { createRng } from '../core/random';
import { crc32 } from './run-file';
import type { Checkpoint, NamedTensor, WriteProgress } from './types';

let databases = 0;
export function freshDbName(label: string): string {
  databases += 1;
  return `storage-test-${label}-${databases}`;
}

/** Tensors with the given element counts, filled from a seed so two checkpoints never look alike. */
export function sampleCheckpoint(id: string, seed: number, elementCounts: number[] = [6, 1000, 3], name = `ckpt ${id} #${seed}`): Checkpoint {
  const rng = createRng(seed);
  const tensors: NamedTensor[] = elementCounts.map((count, index) =>
    index % 2 === 1
      ? { name: `layer${index}.ids`, dtype: 'int32', shape: [count], data: Int32Array.from({ length: count }, () => rng.int(1 << 30) - (1 << 29)) }
      : { name: `layer${index}.weight`, dtype: 'float32', shape: [count], data: Float32Array.from({ length: count }, () => rng.normal()) },
  );
  return { id, name, config: { layers: elementCounts.length, seed }, metadata: { seed, note: 'sample' }, tensors };
}

export function sameTensors(actual: readonly NamedTensor[], expected: readonly NamedTensor[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((tensor, index) => {
      const other = expected[index];
      if (tensor.name !== other.name || tensor.dtype !== other.dtype || tensor.data.constructor !== other.data.constructor) return false;
      if (JSON.stringify(tensor.shape) !== JSON.stringify(other.shape) || tensor.data.length !== other.data.length) return false;
      const a = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
      const b = new Uint8Array(other.data.buffer, other.data.byteOffset, other.data.byteLength);
      return a.every((byte, at) => byte === b[at]);
    })
  );
}

export function sampleExamples(split: Split, count: number, seed: number): Example[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, index) => ({
    id: `${split}-${seed}-${index}`,
    query: `query ${rng.int(1000)}`,
    item: { title: `item ${index}`, fields: { brand: `brand ${rng.int(20)}` } },
    grade: rng.pick([0, 1, 2] as const),
    split,
    tags: [],
  }));
}

export function sampleDatasetInfo(id: string, name = `dataset ${id}`): DatasetInfo {
  return { id, name, source: { kind: 'generated', seed: 1, config: {} }, labelNames: ['irrelevant', 'weak', 'strong'], splits: {}, createdAt: '2025-01-01T00:00:00.000Z' };
}

/** A run file with its index replaced (CRC recomputed), to test checks behind the checksum. */
export function withRunFileIndex(file: Uint8Array, change: (index: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const length = Number(view.getBigUint64(8, true));
  const index = JSON.parse(new TextDecoder().decode(file.subarray(20, 20 + length)));
  change(index);
  const indexBytes = new TextEncoder().encode(JSON.stringify(index));
  const rest = file.subarray(20 + length);
  const out = new Uint8Array(20 + indexBytes.length + rest.length);
  out.set(file.subarray(0, 8));
  const outView = new DataView(out.buffer);
  outView.setBigUint64(8, BigInt(indexBytes.length), true);
  outView.setUint32(16, crc32(indexBytes), true);
  out.set(indexBytes, 20);
  out.set(rest, 20 + indexBytes.length);
  return out;
}

/** A save that stops after `pauseAfter` chunks until released: a writer that is alive but slow. */
export function pausingProgress(pauseAfter: number) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const paused = new Promise<void>((resolve) => (reached = resolve));
  const onProgress = async (progress: WriteProgress) => {
    if (progress.chunksWritten === pauseAfter) {
      reached();
      await released;
    }
  };
  return { onProgress, paused, release };
}
