// The run file method group: .labrun files (src/storage/run-file.ts) read, checked and written in
// the engine, so a large or hostile file never costs the page thread.
import type { RunFile, RunImportResult } from '../storage/run-file';

export interface RunFileEngine {
  /** Checks the whole file, then stores the run, its records and checkpoints; a file above the cap is refused by its size. */
  importRunFile(file: Blob | Uint8Array, options?: { fileName?: string }): Promise<RunImportResult>;
  /** The stored run, the records it links and every checkpoint they link, as one file. */
  exportRunFile(runId: string): Promise<RunFile>;
}
