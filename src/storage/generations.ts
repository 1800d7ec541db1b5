// Generations: every write of a checkpoint or dataset puts its chunks under a fresh generation
// number, so they never overwrite the chunks a reader may be using. A small transaction later
// flips the manifest to the new generation (see docs/STORAGE.md). This file allocates generations,
// discards failed ones, and collects the orphans a dead writer left behind.
import type { IDBPDatabase } from 'idb';
import { slotGenerations } from './checkpoints/slots';
import { generationRange, type GenerationKind, type LabDB } from './schema';
import { runRead, runWrite } from './transactions';
import { liveWriterTokens } from './writer-liveness';

const NEXT_GENERATION = 'nextGeneration';

export const GENERATION_STORES = {
  checkpoint: { manifests: 'checkpoints', chunks: 'checkpointChunks' },
  dataset: { manifests: 'datasets', chunks: 'exampleChunks' },
} as const;

/** Takes the next generation number and records the write as pending, in one transaction. */
export async function beginGeneration(db: IDBPDatabase<LabDB>, kind: GenerationKind, ownerId: string, writerToken: string): Promise<number> {
  return runWrite(db, ['meta', 'pendingWrites'], async (tx) => {
    const meta = tx.objectStore('meta');
    const generation = ((await meta.get(NEXT_GENERATION)) ?? 1) as number;
    await meta.put(generation + 1, NEXT_GENERATION);
    await tx.objectStore('pendingWrites').put({ kind, ownerId, generation, writerToken, startedAt: new Date().toISOString() });
    return generation;
  });
}

/** Deletes a generation that will never be committed, with its pending record. */
export async function discardGeneration(db: IDBPDatabase<LabDB>, kind: GenerationKind, ownerId: string, generation: number): Promise<void> {
  const chunks = GENERATION_STORES[kind].chunks;
  await runWrite(db, [chunks, 'pendingWrites'], async (tx) => {
    await tx.objectStore(chunks).delete(generationRange(ownerId, generation));
    await tx.objectStore('pendingWrites').delete([kind, ownerId, generation]);
  });
}

interface Candidate {
  kind: GenerationKind;
  ownerId: string;
  generation: number;
}

/**
 * Deletes chunks and pending records of generations that no manifest points at and whose writer is
 * gone (its tab closed or crashed mid-write). Two phases: find candidates, then ask which writers
 * are alive, then delete the candidates that are still orphans. A writer holds its token before it
 * records a pending write, so every writer seen in phase one shows as alive in phase two if it is.
 */
export async function collectOrphans(db: IDBPDatabase<LabDB>): Promise<Candidate[]> {
  const { candidates, tokens } = await findCandidates(db);
  if (candidates.length === 0) return [];
  const live = await liveWriterTokens();
  const dead = candidates.filter((candidate) => {
    const token = tokens.get(keyOf(candidate));
    return token === undefined || !live.has(token);
  });
  if (dead.length === 0) return [];
  return runWrite(db, ['checkpoints', 'checkpointChunks', 'datasets', 'exampleChunks', 'pendingWrites'], async (tx) => {
    const removed: Candidate[] = [];
    for (const candidate of dead) {
      const { manifests, chunks } = GENERATION_STORES[candidate.kind];
      const manifest = await tx.objectStore(manifests).get(candidate.ownerId);
      if (manifest && slotGenerations(manifest).includes(candidate.generation)) continue; // committed meanwhile
      await tx.objectStore(chunks).delete(generationRange(candidate.ownerId, candidate.generation));
      await tx.objectStore('pendingWrites').delete([candidate.kind, candidate.ownerId, candidate.generation]);
      removed.push(candidate);
    }
    return removed;
  });
}

async function findCandidates(db: IDBPDatabase<LabDB>) {
  return runRead(db, ['checkpoints', 'checkpointChunks', 'datasets', 'exampleChunks', 'pendingWrites'], async (tx) => {
    const candidates = new Map<string, Candidate>();
    const tokens = new Map<string, string>();
    for (const kind of ['checkpoint', 'dataset'] as const) {
      const { manifests, chunks } = GENERATION_STORES[kind];
      const current = new Map((await tx.objectStore(manifests).getAll()).map((manifest) => [manifest.id, slotGenerations(manifest)]));
      for (const key of await tx.objectStore(chunks).getAllKeys()) {
        const [ownerId, generation] = key;
        if (!current.get(ownerId)?.includes(generation)) candidates.set(keyOf({ kind, ownerId, generation }), { kind, ownerId, generation });
      }
    }
    for (const pending of await tx.objectStore('pendingWrites').getAll()) {
      const key = keyOf(pending);
      tokens.set(key, pending.writerToken);
      candidates.set(key, { kind: pending.kind, ownerId: pending.ownerId, generation: pending.generation });
    }
    return { candidates: [...candidates.values()], tokens };
  });
}

function keyOf(candidate: Candidate): string {
  return JSON.stringify([candidate.kind, candidate.ownerId, candidate.generation]);
}
