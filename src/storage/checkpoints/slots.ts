// Two slots per checkpoint: the newest save and, when that save asked to keep it (a training run's
// periodic checkpoints), the save it replaced. A load takes the newest slot that is whole and
// finite, so a newest save that turns out damaged still leaves the previous good checkpoint.
// Pure: the IndexedDB reads and writes are in store.ts.
import { NonFiniteTensorError } from '../../core/io/errors';
import { requireFinite } from '../../core/io/finite';
import { assembleTensors } from './layout';
import { CorruptStoredDataError } from '../errors';
import type { CheckpointChunk, CheckpointManifest, CheckpointSlot } from '../schema';
import type { StoredCheckpoint } from '../types';

/** Every chunk generation the manifest points at: its newest slot, then its previous one. */
export function slotGenerations(manifest: Pick<CheckpointManifest, 'generation' | 'previous'>): number[] {
  return manifest.previous ? [manifest.generation, manifest.previous.generation] : [manifest.generation];
}

/**
 * The manifest to commit over `committed`, and the chunk generations that go: with `keepPrevious`
 * the committed newest slot becomes the previous one (the older previous goes); without, both go.
 */
export function replaceSlots(committed: CheckpointManifest | undefined, manifest: CheckpointManifest, keepPrevious: boolean): { manifest: CheckpointManifest; drop: number[] } {
  const { previous: _ignored, ...fresh } = manifest;
  if (!committed) return { manifest: fresh, drop: [] };
  const stale = slotGenerations(committed).filter((generation) => generation !== manifest.generation);
  if (!keepPrevious || committed.generation === manifest.generation) return { manifest: fresh, drop: stale };
  const { id: _id, previous: _older, ...kept } = committed;
  return { manifest: { ...fresh, previous: kept }, drop: stale.filter((generation) => generation !== committed.generation) };
}

/** The weights of one slot, checked whole (chunk count and sizes) and finite. */
function readSlot(id: string, slot: CheckpointSlot, chunks: readonly CheckpointChunk[], where: string) {
  if (chunks.length !== slot.chunkCount || chunks.some((chunk, index) => chunk.index !== index)) {
    throw new CorruptStoredDataError(`${where}: ${chunks.length} of ${slot.chunkCount} weight chunks are stored`, { id });
  }
  const tensors = assembleTensors(slot.tensors, chunks.map((chunk) => chunk.bytes), slot.byteSize, where);
  requireFinite(tensors, where);
  return tensors;
}

/**
 * The newest usable slot of a checkpoint as the store hands it back. `fallback` says why the newest
 * save was passed over; when no slot is usable, CorruptStoredDataError names each one's problem.
 */
export function newestGoodSlot(manifest: CheckpointManifest, chunksBySlot: readonly (readonly CheckpointChunk[])[]): StoredCheckpoint {
  const slots: [string, CheckpointSlot][] = [['newest save', manifest]];
  if (manifest.previous) slots.push(['previous save', manifest.previous]);
  const problems: string[] = [];
  for (const [index, [label, slot]] of slots.entries()) {
    try {
      const tensors = readSlot(manifest.id, slot, chunksBySlot[index] ?? [], `checkpoint "${slot.name}"`);
      const { name, createdAt, config, metadata } = slot;
      return { id: manifest.id, name, createdAt, config, metadata, tensors, ...(problems.length > 0 ? { fallback: problems.join('; ') } : {}) };
    } catch (error) {
      if (!(error instanceof CorruptStoredDataError || error instanceof NonFiniteTensorError)) throw error;
      problems.push(`the ${label} is unusable (${error.message.replace(/^checkpoint "[^"]*": /, '')})`);
    }
  }
  throw new CorruptStoredDataError(`checkpoint "${manifest.name}": ${problems.join('; ')}; delete the checkpoint and save or import it again`, { id: manifest.id });
}
