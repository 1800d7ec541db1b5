// The lab's storage: IndexedDB through idb. See docs/STORAGE.md.
export { openLabStore, type LabStore, type LabStoreOptions } from './lab-store';
export type { ExamplesBySplit } from './dataset-store';
export type * from './types';
export {
  CorruptStoredDataError,
  InvalidStoreInputError,
  StaleWriteError,
  StorageQuotaError,
  StorageSchemaChangedError,
  StorageUpgradeBlockedError,
  StorageWriteConflictError,
  StoredItemNotFoundError,
} from './errors';
export { importCheckpointFile } from './checkpoints/import-file';
export { InvalidCheckpointFileError } from '../core/io/errors';
