// The IndexedDB layout. Large data (weights, examples) lives in chunk stores keyed by
// [owner id, generation, ...]; a small manifest per item names the generation readers should use.
// See docs/STORAGE.md for why.
import type { DBSchema } from 'idb';
import type { DatasetInfo, Example, Split } from '../core/data/schema';
import type { CheckpointSummary } from './types';

/** One committed save of a checkpoint: what it is (the summary a listing shows) and where its chunks are. */
export interface CheckpointSlot extends Omit<CheckpointSummary, 'id'> {
  generation: number;
  chunkCount: number;
}

export interface CheckpointManifest extends CheckpointSlot {
  id: string;
  /**
   * The save this one replaced, kept (chunks and all) when the save asked for it: a load falls back
   * to it when the newest slot is damaged (checkpoints/slots.ts). Absent in records written before.
   */
  previous?: CheckpointSlot;
}

export interface CheckpointChunk {
  checkpointId: string;
  generation: number;
  index: number;
  bytes: ArrayBuffer;
}

export interface DatasetManifest {
  id: string;
  info: DatasetInfo;
  generation: number;
  /** Chunks and examples per stored split. */
  splits: Partial<Record<Split, { chunkCount: number; exampleCount: number }>>;
  /** Size of the stored example JSON. */
  byteSize: number;
  savedAt: string;
}

export interface ExampleChunk {
  datasetId: string;
  generation: number;
  split: Split;
  index: number;
  examples: Example[];
}

export interface TokenizerRecord {
  id: string;
  name: string;
  json: unknown;
  savedAt: string;
  byteSize: number;
}

export interface RunEnvelope {
  id: string;
  /** Since schema v2; v1 records get one during the upgrade. */
  savedAt: string;
  byteSize: number;
  run: unknown;
}

export type GenerationKind = 'checkpoint' | 'dataset';

/** A write that has allocated a generation and not yet flipped its manifest. */
export interface PendingWrite {
  kind: GenerationKind;
  ownerId: string;
  generation: number;
  /** Names the writer's Web Lock (or in-process registration) so others can tell if it is still alive. */
  writerToken: string;
  startedAt: string;
}

export interface LabDB extends DBSchema {
  checkpoints: { key: string; value: CheckpointManifest };
  checkpointChunks: { key: [string, number, number]; value: CheckpointChunk };
  datasets: { key: string; value: DatasetManifest };
  exampleChunks: { key: [string, number, string, number]; value: ExampleChunk };
  tokenizers: { key: string; value: TokenizerRecord };
  runs: { key: string; value: RunEnvelope; indexes: { bySavedAt: string } };
  pendingWrites: { key: [string, string, number]; value: PendingWrite };
  meta: { key: string; value: number };
}

/** Key range of every chunk of one owner's generation: [owner, generation] sorts before [owner, generation, ...], and [] after any number or string. */
export function generationRange(ownerId: string, generation: number): IDBKeyRange {
  return IDBKeyRange.bound([ownerId, generation], [ownerId, generation, []]);
}

/** Key range of every chunk of one owner, all generations. */
export function ownerRange(ownerId: string): IDBKeyRange {
  return IDBKeyRange.bound([ownerId], [ownerId, []]);
}
