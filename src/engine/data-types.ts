// The engine's data methods: generate the built-in dataset, import files, list, browse and delete
// stored datasets. Types only: the page imports this file without loading the importers or tfjs.
import type { GeneratorConfigInput } from '../core/data/generator/config';
import type { TextEncodingChoice } from '../core/data/import/decode-text';
import type { SkippedRow } from '../core/data/import/fault-policy';
import type { ColumnMapping } from '../core/data/import/mapping';
import type { TableFormat } from '../core/data/import/table';
import type { DatasetInfo, Example, Grade, Split } from '../core/data/schema';
import type { OodRule } from '../core/data/splits/ood-rule';
import type { SplitFractions } from '../core/data/splits/split-dataset';
import type { ProgressCallback } from '../core/job/progress';

export type { GeneratorConfigInput, OodRule, SkippedRow, SplitFractions, TableFormat, TextEncodingChoice };

export interface DatasetSummary {
  info: DatasetInfo;
  /** Stored payload size (example JSON), as the store counts it. */
  byteSize: number;
}

/** Tag filter values besides a tag name: any example, or only in-distribution ones (no tags). */
export const ANY_TAG = '';
export const NO_TAG = '(none)';

export interface BrowseQuery {
  split: Split;
  /** A grade, `unknown` (no grade stored), or undefined for every grade. */
  grade?: Grade | 'unknown';
  /** A shift tag, NO_TAG for untagged (ID) examples, or ANY_TAG / undefined for all. */
  tag?: string;
  /** Case-insensitive text that the query or the item title must contain. */
  text?: string;
  offset: number;
  /** Page size, 1..200. */
  limit: number;
}

export interface BrowsePage {
  /** Examples in the split before filtering. */
  splitTotal: number;
  /** Examples that match the filters. */
  total: number;
  offset: number;
  examples: Example[];
  /** Every tag that occurs in the split, sorted. */
  tags: string[];
}

export interface ImportPreviewOptions {
  format?: TableFormat;
  delimiter?: string;
  encoding?: TextEncodingChoice;
  /** Rows per file, 1..50 (default 8). */
  rows?: number;
}

export interface FilePreview {
  file: string;
  format: TableFormat;
  /** Header names (CSV/TSV) or the keys seen in the first lines (JSONL). */
  columns: string[];
  /** The first rows, one cell per column ('' where a row lacks the column). */
  rows: { line: number; cells: string[] }[];
  /** Set when the file could not be read at all; details carry file, line and column. */
  problem?: { name: string; message: string; details: Record<string, unknown> };
}

export interface DataImportOptions {
  /** wands, esci, scores or csv. */
  preset: string;
  name?: string;
  /** Explicit role per file (same order as the files); undefined lets the file name decide. */
  roles?: (string | undefined)[];
  mapping?: Partial<ColumnMapping>;
  /** Label map text, e.g. "E=2,S=1,C=1,I=0". */
  labels?: string;
  /** Two score thresholds, e.g. "1.5,2.5". */
  thresholds?: string;
  /** Declared score range, e.g. "1,3". */
  scoreRange?: string;
  encoding?: TextEncodingChoice;
  format?: TableFormat;
  delimiter?: string;
  locale?: string;
  smallVersion?: boolean;
  /** ESCI: keep only rows with large_version = 1. */
  largeVersion?: boolean;
  /** ESCI: each query's split from the examples' own split column (train/test). */
  officialSplit?: boolean;
  split?: { seed?: number; poolFraction?: number; fractions?: SplitFractions; ood?: OodRule };
  skipBadRows?: boolean;
}

export interface ImportSummary {
  dataset: DatasetSummary;
  rowsImported: number;
  repeatedPairs: number;
  droppedRows: number;
  skipped: SkippedRow[];
  skippedTotal: number;
  labelRule: string;
  oodRule: string;
}

export interface DataEngine {
  /** Generates the built-in dataset in the worker and stores it; a new config gets a new id. */
  generateDataset(config: GeneratorConfigInput, onProgress?: ProgressCallback): Promise<DatasetSummary>;
  listDatasets(): Promise<DatasetSummary[]>;
  deleteDataset(id: string): Promise<void>;
  /** One page of a split's examples, filtered. The split stays cached in the worker for paging. */
  browseExamples(id: string, query: BrowseQuery): Promise<BrowsePage>;
  /** The header and first rows of each file, for the column mapping form. */
  previewImport(files: File[], options?: ImportPreviewOptions): Promise<FilePreview[]>;
  /** Streams the files through the importer, splits the rows and stores the dataset. */
  importDataset(files: File[], options: DataImportOptions, onProgress?: ProgressCallback): Promise<ImportSummary>;
}
