// The lab's store: one typed object over the IndexedDB database. Opening it upgrades the schema
// and collects what interrupted writes left behind. When another tab upgrades the schema, the store
// closes and every call fails with StorageSchemaChangedError (schema-change-guard.ts).
import type { IDBPDatabase } from 'idb';
import type { DatasetInfo, Example, Split } from '../core/data/schema';
import { DEFAULT_CHUNK_BYTES } from './checkpoints/layout';
import * as checkpoints from './checkpoints/store';
import * as datasets from './dataset-store';
import { collectOrphans } from './generations';
import { MIGRATIONS, openWithMigrations } from './migrations';
import { browserEstimate, type EstimateStorage } from './quota';
import * as records from './record-stores';
import { guardAgainstSchemaChange } from './schema-change-guard';
import type { LabDB } from './schema';
import type {
  Checkpoint,
  CheckpointSummary,
  RunRecord,
  SaveOptions,
  StorageUsage,
  StoredCheckpoint,
  StoredRunSummary,
  StoredTokenizer,
  TokenizerInput,
  TokenizerSummary,
} from './types';
import { listSizes, storageUsage } from './usage';

export interface LabStore {
  readonly dbName: string;
  saveCheckpoint(checkpoint: Checkpoint, options?: SaveOptions): Promise<CheckpointSummary>;
  loadCheckpoint(id: string): Promise<StoredCheckpoint>;
  listCheckpoints(): Promise<CheckpointSummary[]>;
  deleteCheckpoint(id: string): Promise<void>;

  /** Replaces the dataset with this id as a whole: every split not given is gone afterwards. */
  saveDataset(info: DatasetInfo, examplesBySplit: datasets.ExamplesBySplit, options?: SaveOptions): Promise<DatasetInfo>;
  loadDatasetInfo(id: string): Promise<DatasetInfo>;
  loadExamples(id: string, split: Split): Promise<Example[]>;
  listDatasets(): Promise<DatasetInfo[]>;
  deleteDataset(id: string): Promise<void>;

  saveTokenizer(tokenizer: TokenizerInput): Promise<TokenizerSummary>;
  loadTokenizer(id: string): Promise<StoredTokenizer>;
  listTokenizers(): Promise<TokenizerSummary[]>;
  deleteTokenizer(id: string): Promise<void>;

  saveRun(run: RunRecord): Promise<StoredRunSummary>;
  loadRun(id: string): Promise<RunRecord>;
  listRuns(): Promise<RunRecord[]>;
  deleteRun(id: string): Promise<void>;

  usage(): Promise<StorageUsage>;
  /** Deletes orphan chunks of writes that never committed (also done on open). Returns how many generations went. */
  collectOrphans(): Promise<number>;
  close(): void;
}

export interface LabStoreOptions {
  /** Quota source; defaults to navigator.storage.estimate when present. null skips the check. */
  estimate?: EstimateStorage;
  /** Upper bound of one weight chunk record; default 4 MiB. */
  checkpointChunkBytes?: number;
  /** Examples per example chunk record; default 2,000. */
  examplesPerChunk?: number;
  /** Called once when another tab upgrades the schema: this store is closed and the page should be reloaded. */
  onSchemaChange?: () => void;
}

export async function openLabStore(dbName = 'relevance-lab', options: LabStoreOptions = {}): Promise<LabStore> {
  let schemaChanged = false;
  const db: IDBPDatabase<LabDB> = await openWithMigrations(dbName, MIGRATIONS, {
    onVersionChange: () => {
      schemaChanged = true;
      options.onSchemaChange?.();
    },
  });
  await collectOrphans(db);
  const estimate = options.estimate === undefined ? browserEstimate() : options.estimate;
  const quota = { estimate, listSizes: () => listSizes(db) };
  const checkpointContext = { ...quota, db, chunkBytes: positive(options.checkpointChunkBytes ?? DEFAULT_CHUNK_BYTES, 'checkpointChunkBytes') };
  const datasetContext = { ...quota, db, examplesPerChunk: positive(options.examplesPerChunk ?? datasets.DEFAULT_EXAMPLES_PER_CHUNK, 'examplesPerChunk') };
  const recordContext = { ...quota, db };
  const store: LabStore = {
    dbName,
    saveCheckpoint: (checkpoint, saveOptions) => checkpoints.saveCheckpoint(checkpointContext, checkpoint, saveOptions),
    loadCheckpoint: (id) => checkpoints.loadCheckpoint(db, id),
    listCheckpoints: () => checkpoints.listCheckpoints(db),
    deleteCheckpoint: (id) => checkpoints.deleteCheckpoint(db, id),
    saveDataset: (info, examplesBySplit, saveOptions) => datasets.saveDataset(datasetContext, info, examplesBySplit, saveOptions),
    loadDatasetInfo: (id) => datasets.loadDatasetInfo(db, id),
    loadExamples: (id, split) => datasets.loadExamples(db, id, split),
    listDatasets: () => datasets.listDatasets(db),
    deleteDataset: (id) => datasets.deleteDataset(db, id),
    saveTokenizer: (tokenizer) => records.saveTokenizer(recordContext, tokenizer),
    loadTokenizer: (id) => records.loadTokenizer(db, id),
    listTokenizers: () => records.listTokenizers(db),
    deleteTokenizer: (id) => records.deleteTokenizer(db, id),
    saveRun: (run) => records.saveRun(recordContext, run),
    loadRun: (id) => records.loadRun(db, id),
    listRuns: () => records.listRuns(db),
    deleteRun: (id) => records.deleteRun(db, id),
    usage: () => storageUsage(db, estimate),
    collectOrphans: async () => (await collectOrphans(db)).length,
    close: () => db.close(),
  };
  return guardAgainstSchemaChange(store, () => schemaChanged);
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
