// The Hugging Face method group: stored checkpoints out as a GPT-2 folder in one .zip, and GPT-2
// folders in as checkpoints (docs/INTEROP.md). Types only: the page imports this file without tfjs.
import type { CheckpointFile, CheckpointImportOptions, ModelCheckpointSummary } from './model-types';

/** One file of a folder handed over as bytes (Node, tests); the page hands over File objects. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

export interface HuggingFaceImportResult {
  checkpoint: ModelCheckpointSummary;
  /** What the import made up or left out (added token rows, a new classifier, LogitNorm), one sentence each. */
  notes: string[];
}

export interface HuggingFaceEngine {
  /** The checkpoint as a GPT-2 folder in one .zip; `head` as in `export --head` (default: trained head or not). */
  exportHuggingFaceModel(checkpointId: string, options?: { head?: boolean }): Promise<CheckpointFile>;
  /**
   * Stores a GPT-2 folder as a checkpoint: its files (config.json, model.safetensors, tokenizer.json,
   * and lab.safetensors when the lab made it), or one .zip of them. Everything is checked first.
   */
  importHuggingFaceModel(files: readonly (Blob | NamedBytes)[], options?: CheckpointImportOptions): Promise<HuggingFaceImportResult>;
}
