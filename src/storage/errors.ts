// Storage failures a person can act on.
import { LabError, registerLabError } from '../core/errors';
import { formatBytes } from './format-bytes';
import type { StoredItemSize } from './types';

/** A write that does not fit the browser's storage quota. Nothing stored before it was changed. */
export class StorageQuotaError extends LabError {
  static forWrite(facts: { what: string; bytesNeeded: number; bytesFree: number | null; largestItems: StoredItemSize[] }): StorageQuotaError {
    const free = facts.bytesFree === null ? 'the browser refused to store more' : `${formatBytes(facts.bytesFree)} free`;
    const candidates = facts.largestItems.length
      ? ` To make room, delete some stored items; the largest are: ${facts.largestItems
          .map((item) => `${item.kind} "${item.name}" (${formatBytes(item.byteSize)})`)
          .join(', ')}.`
      : ' Free some space for this site in the browser settings.';
    return new StorageQuotaError(
      `Not enough storage to save ${facts.what}: it needs ${formatBytes(facts.bytesNeeded)}, ${free}.${candidates} What was stored before is unchanged.`,
      { ...facts },
    );
  }
}

/** A load or delete of something that is not stored. */
export class StoredItemNotFoundError extends LabError {}

/** Stored data that does not match its manifest (missing or damaged chunks). */
export class CorruptStoredDataError extends LabError {}

/** Something handed to the store that it cannot keep (bad ids, tensors that disagree with their shape). */
export class InvalidStoreInputError extends LabError {}

/** Something to store that is above one of the store's caps (docs/STORAGE.md, "Limits"). Nothing was stored. */
export class StorageLimitError extends LabError {}

/** A write whose chunks went missing before it committed (for example, deleted by another tab). Nothing changed. */
export class StorageWriteConflictError extends LabError {}

/** A save that another save of the same item overtook: it started later and committed first. The newer item stays. */
export class StaleWriteError extends StorageWriteConflictError {}

/** Another tab upgraded the database to a newer schema, so this tab's connection was closed: reload the page. */
export class StorageSchemaChangedError extends LabError {}

/** The schema upgrade cannot start while another tab keeps the database open at an older version. */
export class StorageUpgradeBlockedError extends LabError {}

registerLabError(StorageQuotaError);
registerLabError(StoredItemNotFoundError);
registerLabError(CorruptStoredDataError);
registerLabError(InvalidStoreInputError);
registerLabError(StorageLimitError);
registerLabError(StorageWriteConflictError);
registerLabError(StaleWriteError);
registerLabError(StorageSchemaChangedError);
registerLabError(StorageUpgradeBlockedError);
