// Datasets: the info in a small manifest, the examples in chunks of `examplesPerChunk` per split,
// written under a fresh generation and committed by flipping the manifest (as checkpoints are).
// An interrupted or failed save leaves nothing visible: the previous dataset, if any, stays.
import type { IDBPDatabase } from 'idb';
import { SPLITS, type DatasetInfo, type Example, type Split } from '../core/data/schema';
import { CorruptStoredDataError, InvalidStoreInputError, StorageWriteConflictError, StoredItemNotFoundError } from './errors';
import { beginGeneration, discardGeneration } from './generations';
import { DATASET_LIMITS, requireDatasetBytes, requireExampleBytes, requireExampleCount, type DatasetLimits } from './dataset-limits';
import { requireId, requireStorable } from './input-checks';
import { refuseIfOvertaken } from './stale-writes';
import { ensureRoom, quotaError, type QuotaContext } from './quota';
import { generationRange, type DatasetManifest, type ExampleChunk, type LabDB } from './schema';
import { isQuotaExceeded, runRead, runWrite } from './transactions';
import type { SaveOptions } from './types';
import { acquireWriterToken } from './writer-liveness';

export const DEFAULT_EXAMPLES_PER_CHUNK = 2000;

export interface DatasetStoreContext extends QuotaContext {
  db: IDBPDatabase<LabDB>;
  examplesPerChunk: number;
  /** Default DATASET_LIMITS. */
  limits?: DatasetLimits;
}

export type ExamplesBySplit = Partial<Record<Split, readonly Example[]>>;

interface PlannedChunk {
  split: Split;
  index: number;
  examples: Example[];
  byteSize: number;
}

export async function saveDataset(context: DatasetStoreContext, info: DatasetInfo, examplesBySplit: ExamplesBySplit, options: SaveOptions = {}): Promise<DatasetInfo> {
  const where = `dataset "${info?.name}"`;
  requireId(info?.id, where);
  requireStorable(info, `${where}: info`);
  const { db } = context;
  const limits = context.limits ?? DATASET_LIMITS;
  const chunks = planChunks(examplesBySplit, context.examplesPerChunk, where, limits);
  const totalBytes = chunks.reduce((sum, chunk) => sum + chunk.byteSize, 0);
  requireDatasetBytes(totalBytes, where, limits);
  const splits: DatasetManifest['splits'] = {};
  for (const chunk of chunks) {
    const entry = (splits[chunk.split] ??= { chunkCount: 0, exampleCount: 0 });
    entry.chunkCount += 1;
    entry.exampleCount += chunk.examples.length;
  }
  await ensureRoom(context, where, totalBytes);

  const writer = await acquireWriterToken();
  let generation: number | undefined;
  try {
    generation = await beginGeneration(db, 'dataset', info.id, writer.token);
    let bytesWritten = 0;
    for (const [position, chunk] of chunks.entries()) {
      const record: ExampleChunk = { datasetId: info.id, generation, split: chunk.split, index: chunk.index, examples: chunk.examples };
      await runWrite(db, ['exampleChunks'], async (tx) => {
        await tx.objectStore('exampleChunks').put(record);
      });
      bytesWritten += chunk.byteSize;
      await options.onProgress?.({ chunksWritten: position + 1, chunkCount: chunks.length, bytesWritten, totalBytes });
    }
    const manifest: DatasetManifest = { id: info.id, info, generation, splits, byteSize: totalBytes, savedAt: new Date().toISOString() };
    await commitDataset(db, manifest, chunks.length);
    return info;
  } catch (error) {
    if (generation !== undefined) await discardGeneration(db, 'dataset', info.id, generation).catch(() => undefined); // else collected on next open
    if (isQuotaExceeded(error)) throw await quotaError(context, where, totalBytes);
    throw error;
  } finally {
    writer.release();
  }
}

function planChunks(examplesBySplit: ExamplesBySplit, examplesPerChunk: number, where: string, limits: DatasetLimits): PlannedChunk[] {
  const entries = Object.entries(examplesBySplit) as [Split, readonly Example[] | undefined][];
  for (const [split, examples] of entries) {
    if (!SPLITS.includes(split)) throw new InvalidStoreInputError(`${where}: unknown split "${split}" (expected one of ${SPLITS.join(', ')})`);
    if (examples && !Array.isArray(examples)) throw new InvalidStoreInputError(`${where}: the ${split} examples must be a list`);
  }
  requireExampleCount(entries.reduce((sum, [, examples]) => sum + (examples?.length ?? 0), 0), where, limits);
  const chunks: PlannedChunk[] = [];
  for (const [split, examples] of entries) {
    if (!examples) continue;
    const sizes = examples.map((example, position) => {
      if (example?.split !== split) {
        throw new InvalidStoreInputError(`${where}: example ${position} of the ${split} split (id ${JSON.stringify(example?.id)}) says its split is ${JSON.stringify(example?.split)}`);
      }
      const bytes = JSON.stringify(example).length;
      requireExampleBytes(bytes, { split, position, id: example.id }, where, limits);
      return bytes;
    });
    for (let start = 0, index = 0; start < examples.length; start += examplesPerChunk, index += 1) {
      const slice = examples.slice(start, start + examplesPerChunk);
      // The chunk's JSON: its examples, a comma between each two, and the brackets.
      const byteSize = sizes.slice(start, start + slice.length).reduce((sum, bytes) => sum + bytes, 0) + slice.length + 1;
      chunks.push({ split, index, examples: slice, byteSize });
    }
  }
  return chunks;
}

async function commitDataset(db: IDBPDatabase<LabDB>, manifest: DatasetManifest, chunkCount: number): Promise<void> {
  await runWrite(db, ['datasets', 'exampleChunks', 'pendingWrites'], async (tx) => {
    const chunks = tx.objectStore('exampleChunks');
    const stored = await chunks.count(generationRange(manifest.id, manifest.generation));
    if (stored !== chunkCount) {
      throw new StorageWriteConflictError(
        `dataset "${manifest.info.name}": ${stored} of ${chunkCount} example chunks were found at commit (another tab may have deleted them); nothing was changed, save again`,
      );
    }
    const previous = await tx.objectStore('datasets').get(manifest.id);
    refuseIfOvertaken(previous, manifest.generation, `dataset "${manifest.info.name}"`);
    await tx.objectStore('datasets').put(manifest);
    if (previous && previous.generation !== manifest.generation) await chunks.delete(generationRange(manifest.id, previous.generation));
    await tx.objectStore('pendingWrites').delete(['dataset', manifest.id, manifest.generation]);
  });
}

export async function loadDatasetInfo(db: IDBPDatabase<LabDB>, id: string): Promise<DatasetInfo> {
  const manifest = await db.get('datasets', id);
  if (!manifest) throw notFound(id);
  return manifest.info;
}

/** The examples of one split, in the order they were saved; [] for a split the dataset does not have. */
export async function loadExamples(db: IDBPDatabase<LabDB>, id: string, split: Split): Promise<Example[]> {
  const { manifest, chunks } = await runRead(db, ['datasets', 'exampleChunks'], async (tx) => {
    const manifest = await tx.objectStore('datasets').get(id);
    if (!manifest) return { manifest, chunks: [] as ExampleChunk[] };
    const range = IDBKeyRange.bound([id, manifest.generation, split], [id, manifest.generation, split, []]);
    return { manifest, chunks: await tx.objectStore('exampleChunks').getAll(range) };
  });
  if (!manifest) throw notFound(id);
  const expected = manifest.splits[split];
  if (!expected) return [];
  const examples = chunks.flatMap((chunk) => chunk.examples);
  if (chunks.length !== expected.chunkCount || examples.length !== expected.exampleCount) {
    throw new CorruptStoredDataError(
      `dataset "${manifest.info.name}": the ${split} split should hold ${expected.exampleCount} examples in ${expected.chunkCount} chunks, but ${examples.length} in ${chunks.length} are stored; delete the dataset and import or generate it again`,
      { id, split },
    );
  }
  return examples;
}

export async function listDatasets(db: IDBPDatabase<LabDB>): Promise<DatasetInfo[]> {
  const manifests = await db.getAll('datasets');
  return manifests.sort((a, b) => b.savedAt.localeCompare(a.savedAt)).map((manifest) => manifest.info);
}

export async function deleteDataset(db: IDBPDatabase<LabDB>, id: string): Promise<void> {
  const found = await runWrite(db, ['datasets', 'exampleChunks'], async (tx) => {
    const manifest = await tx.objectStore('datasets').get(id);
    if (!manifest) return false;
    await tx.objectStore('datasets').delete(id);
    await tx.objectStore('exampleChunks').delete(generationRange(id, manifest.generation));
    return true;
  });
  if (!found) throw notFound(id);
}

function notFound(id: string): StoredItemNotFoundError {
  return new StoredItemNotFoundError(`No dataset with id "${id}" is stored.`, { kind: 'dataset', id });
}
