// Checkpoints: weights in bounded chunks under a fresh generation, committed by flipping the
// manifest in one small transaction. A reader sees the old checkpoint or the new one, never a mix.
import type { IDBPDatabase } from 'idb';
import { requireFinite } from '../../core/io/finite';
import { chunkCountFor, chunkTensors, layoutTensors } from './layout';
import { InvalidStoreInputError, StorageWriteConflictError, StoredItemNotFoundError } from '../errors';
import { requireId, requireStorable } from '../input-checks';
import { newestGoodSlot, replaceSlots, slotGenerations } from './slots';
import { refuseIfOvertaken } from '../stale-writes';
import { beginGeneration, discardGeneration } from '../generations';
import { ensureRoom, quotaError, type QuotaContext } from '../quota';
import { generationRange, type CheckpointManifest, type LabDB } from '../schema';
import { isQuotaExceeded, runRead, runWrite } from '../transactions';
import type { Checkpoint, CheckpointSummary, SaveOptions, StoredCheckpoint } from '../types';
import { acquireWriterToken } from '../writer-liveness';

export interface CheckpointStoreContext extends QuotaContext {
  db: IDBPDatabase<LabDB>;
  chunkBytes: number;
}

export async function saveCheckpoint(context: CheckpointStoreContext, checkpoint: Checkpoint, options: SaveOptions = {}): Promise<CheckpointSummary> {
  const where = `checkpoint "${checkpoint?.name}"`;
  requireId(checkpoint?.id, where);
  if (typeof checkpoint.name !== 'string') throw new InvalidStoreInputError(`${where}: name must be a string`);
  if (!Array.isArray(checkpoint.tensors)) throw new InvalidStoreInputError(`${where}: tensors must be a list`);
  const { index, totalBytes } = layoutTensors(checkpoint.tensors, where);
  requireFinite(checkpoint.tensors, where, 'weights with NaN or Infinity are never saved, so what was stored before is unchanged');
  const { db, chunkBytes } = context;
  const manifestBase = {
    id: checkpoint.id,
    name: checkpoint.name,
    createdAt: new Date().toISOString(),
    config: checkpoint.config,
    metadata: checkpoint.metadata ?? {},
    tensors: index,
    byteSize: totalBytes,
    chunkCount: chunkCountFor(totalBytes, chunkBytes),
  };
  requireStorable({ config: manifestBase.config, metadata: manifestBase.metadata }, `${where}: config and metadata`);
  await ensureRoom(context, where, totalBytes);

  const writer = await acquireWriterToken();
  let generation: number | undefined;
  try {
    generation = await beginGeneration(db, 'checkpoint', checkpoint.id, writer.token);
    let chunkIndex = 0;
    let bytesWritten = 0;
    for (const bytes of chunkTensors(checkpoint.tensors, totalBytes, chunkBytes)) {
      const record = { checkpointId: checkpoint.id, generation, index: chunkIndex, bytes };
      await runWrite(db, ['checkpointChunks'], async (tx) => {
        await tx.objectStore('checkpointChunks').put(record);
      });
      chunkIndex += 1;
      bytesWritten += bytes.byteLength;
      await options.onProgress?.({ chunksWritten: chunkIndex, chunkCount: manifestBase.chunkCount, bytesWritten, totalBytes });
    }
    const manifest: CheckpointManifest = { ...manifestBase, generation };
    await commitCheckpoint(db, manifest, options.keepPrevious === true);
    return summaryOf(manifest);
  } catch (error) {
    if (generation !== undefined) await discardGeneration(db, 'checkpoint', checkpoint.id, generation).catch(() => undefined); // else collected on next open
    if (isQuotaExceeded(error)) throw await quotaError(context, where, totalBytes);
    throw error;
  } finally {
    writer.release();
  }
}

/** The flip: verifies every chunk is there, points the manifest at the new generation, drops the slots it no longer keeps. */
async function commitCheckpoint(db: IDBPDatabase<LabDB>, manifest: CheckpointManifest, keepPrevious: boolean): Promise<void> {
  await runWrite(db, ['checkpoints', 'checkpointChunks', 'pendingWrites'], async (tx) => {
    const chunks = tx.objectStore('checkpointChunks');
    const stored = await chunks.count(generationRange(manifest.id, manifest.generation));
    if (stored !== manifest.chunkCount) {
      throw new StorageWriteConflictError(
        `checkpoint "${manifest.name}": ${stored} of ${manifest.chunkCount} chunks were found at commit (another tab may have deleted them); nothing was changed, save again`,
      );
    }
    const previous = await tx.objectStore('checkpoints').get(manifest.id);
    refuseIfOvertaken(previous, manifest.generation, `checkpoint "${manifest.name}"`);
    const slots = replaceSlots(previous, manifest, keepPrevious);
    await tx.objectStore('checkpoints').put(slots.manifest);
    for (const generation of slots.drop) await chunks.delete(generationRange(manifest.id, generation));
    await tx.objectStore('pendingWrites').delete(['checkpoint', manifest.id, manifest.generation]);
  });
}

/**
 * Reads the manifest and its slots' chunks in one transaction, so a concurrent flip cannot mix
 * generations, and returns the newest slot that is whole and finite (slots.ts).
 */
export async function loadCheckpoint(db: IDBPDatabase<LabDB>, id: string): Promise<StoredCheckpoint> {
  const { manifest, chunksBySlot } = await runRead(db, ['checkpoints', 'checkpointChunks'], async (tx) => {
    const manifest = await tx.objectStore('checkpoints').get(id);
    if (!manifest) return { manifest, chunksBySlot: [] };
    const chunks = tx.objectStore('checkpointChunks');
    return { manifest, chunksBySlot: await Promise.all(slotGenerations(manifest).map((generation) => chunks.getAll(generationRange(id, generation)))) };
  });
  if (!manifest) throw new StoredItemNotFoundError(`No checkpoint with id "${id}" is stored.`, { kind: 'checkpoint', id });
  return newestGoodSlot(manifest, chunksBySlot);
}

export async function listCheckpoints(db: IDBPDatabase<LabDB>): Promise<CheckpointSummary[]> {
  const manifests = await db.getAll('checkpoints');
  return manifests.map(summaryOf).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Deletes the committed checkpoint. A save of the same id still under way commits afterwards. */
export async function deleteCheckpoint(db: IDBPDatabase<LabDB>, id: string): Promise<void> {
  const found = await runWrite(db, ['checkpoints', 'checkpointChunks'], async (tx) => {
    const manifest = await tx.objectStore('checkpoints').get(id);
    if (!manifest) return false;
    await tx.objectStore('checkpoints').delete(id);
    for (const generation of slotGenerations(manifest)) await tx.objectStore('checkpointChunks').delete(generationRange(id, generation));
    return true;
  });
  if (!found) throw new StoredItemNotFoundError(`No checkpoint with id "${id}" is stored.`, { kind: 'checkpoint', id });
}

function summaryOf(manifest: CheckpointManifest): CheckpointSummary {
  const { id, name, createdAt, config, metadata, tensors, byteSize } = manifest;
  return { id, name, createdAt, config, metadata, tensors, byteSize };
}
