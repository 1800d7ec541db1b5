// The engine's file scoring: every pair of an uploaded CSV/TSV/JSONL/Parquet file scored with a
// stored checkpoint (grade, probabilities, expected grade) and judged by the playground's OOD
// detectors, written as CSV and JSONL files to download. Types only: the page imports this file
// without loading tfjs.
import type { PairFileMapping } from '../core/data/import/pair-file';
import type { TableFormat } from '../core/data/import/table';
import type { TextEncodingChoice } from '../core/data/import/decode-text';
import type { SkippedRow } from '../core/data/import/fault-policy';
import type { Grade, Item } from '../core/data/schema';
import type { DownloadFile } from './download-file';
import type { PlaygroundDetector, PlaygroundReference, PlaygroundReferenceOptions } from './playground-types';
import type { ProgressCallback } from '../core/job/progress';

export type { PairFileMapping };

export interface ScoreFileRequest {
  mapping: PairFileMapping;
  format?: TableFormat;
  delimiter?: string;
  encoding?: TextEncodingChoice;
  /** Skip and list bad rows instead of stopping at the first. */
  skipBadRows?: boolean;
  /** The OOD reference, as the playground fits it (the same cache). */
  reference?: PlaygroundReferenceOptions;
}

export interface ScoredPairOod {
  /** Higher means more OOD. */
  score: number;
  /** Percent of ID val pairs whose score is at most this one. */
  percentile: number;
  /** Above DASA's threshold (the `keep` quantile of ID val): DASA would pick it. */
  aboveThreshold: boolean;
}

export interface ScoredPair {
  id: string;
  /** The line of the file the pair starts on. */
  line: number;
  query: string;
  item: Item;
  /** The file's own grade, when it has a label column. */
  gold: Grade | null;
  /** The most probable grade. */
  grade: Grade;
  /** P(grade 0), P(grade 1), P(grade 2). */
  probs: number[];
  /** sum_k k p_k / 2, in [0, 1]. */
  expectedGrade: number;
  ood: Record<PlaygroundDetector, ScoredPairOod>;
}

export interface ScoredFile {
  file: string;
  rows: number;
  /** The first rows, for the page's table. */
  preview: ScoredPair[];
  skipped: SkippedRow[];
  skippedTotal: number;
  /** The pairs whose prompt was longer than the model reads (cut, keeping [CLS]). */
  truncated: number;
  reference: PlaygroundReference;
  seconds: number;
  csv: DownloadFile;
  jsonl: DownloadFile;
}

export interface ScoreFileEngine {
  /**
   * Reads the file with the importers' readers (named errors with file, line and column), scores
   * every pair with the checkpoint and judges it with Mahalanobis and kNN fitted as the playground
   * fits them on the dataset's ID data; runs as the engine's job with progress, pause and cancel.
   */
  scorePlaygroundFile(checkpointId: string, datasetId: string, file: File, request: ScoreFileRequest, onProgress?: ProgressCallback): Promise<ScoredFile>;
}
