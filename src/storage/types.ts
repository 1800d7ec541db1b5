// What the lab stores and what the store hands back. Plain data and typed arrays: no tfjs here.
import type { Checkpoint } from '../core/checkpoint/types';
import type { NamedTensor } from '../core/io/safetensors';

export type { Checkpoint } from '../core/checkpoint/types';
export type { NamedTensor, TensorDtype } from '../core/io/safetensors';

/** Where one tensor sits in the checkpoint's byte stream (its tensors back to back, in order). */
export interface TensorIndexEntry {
  name: string;
  dtype: NamedTensor['dtype'];
  shape: number[];
  byteOffset: number;
  byteLength: number;
}

/** A checkpoint as listed: everything but the weights. */
export interface CheckpointSummary {
  id: string;
  name: string;
  createdAt: string;
  config: unknown;
  metadata: Record<string, unknown>;
  tensors: TensorIndexEntry[];
  byteSize: number;
}

export interface StoredCheckpoint extends Checkpoint {
  createdAt: string;
  /** Set when the newest save was unusable and the previous slot was loaded instead: why. */
  fallback?: string;
}

export interface WriteProgress {
  chunksWritten: number;
  chunkCount: number;
  bytesWritten: number;
  totalBytes: number;
}

export interface SaveOptions {
  /** Called after each chunk commits; a returned promise is awaited, and a throw cancels the save. */
  onProgress?: (progress: WriteProgress) => void | Promise<void>;
  /**
   * Checkpoints only: keep the save this one replaces as a fallback slot, so a damaged newest save
   * still leaves the one before (a training run's periodic checkpoints; docs/STORAGE.md, "Slots").
   */
  keepPrevious?: boolean;
}

export interface StoredTokenizer {
  id: string;
  name: string;
  /** The tokenizer file's JSON (an object, or its text). */
  json: unknown;
  savedAt: string;
}

export type TokenizerInput = Omit<StoredTokenizer, 'savedAt'>;

export interface TokenizerSummary {
  id: string;
  name: string;
  savedAt: string;
  byteSize: number;
}

/** A run record: any JSON-compatible object with an id. */
export interface RunRecord {
  id: string;
  [field: string]: unknown;
}

export interface StoredRunSummary {
  id: string;
  savedAt: string;
  byteSize: number;
}

export type StoredItemKind = 'checkpoint' | 'dataset' | 'tokenizer' | 'run';

export interface StoredItemSize {
  kind: StoredItemKind;
  id: string;
  name: string;
  byteSize: number;
}

export interface StorageUsage {
  /** Every stored item with its size, largest first. Sizes count the stored payload (weights, example JSON). */
  perItem: StoredItemSize[];
  totalBytes: number;
  /** From navigator.storage.estimate(), when the browser offers it: for the whole origin. */
  quota?: number;
  usage?: number;
}
