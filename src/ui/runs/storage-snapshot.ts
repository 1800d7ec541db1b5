// What this browser keeps, read once from the store and shaped for the Runs and storage screen:
// run records (any kind) with the checkpoints they link, checkpoints with the runs that link them,
// datasets, tokenizers, their sizes, and the origin's quota. Runs are shown generically: id, kind,
// name, created, status, size and linked checkpoints, whatever wrote them.
import { linkedCheckpointIds } from '../../storage/run-file';
import type { LabStore, RunRecord, StorageUsage, StoredItemKind } from '../../storage';

export interface LinkedCheckpoint {
  id: string;
  name: string | null;
  /** Null when the run names a checkpoint that is no longer stored. */
  byteSize: number | null;
}

export interface RunRow {
  id: string;
  kind: string;
  name: string | null;
  created: string | null;
  status: string | null;
  recordBytes: number;
  checkpoints: LinkedCheckpoint[];
  /** The record and every stored checkpoint it links. */
  totalBytes: number;
}

export interface CheckpointRow {
  id: string;
  name: string;
  createdAt: string;
  byteSize: number;
  /** The training stage that wrote it, or null (weights only, interpolated, imported without state). */
  stage: string | null;
  /** Runs that link it. */
  runIds: string[];
}

export interface DatasetRow {
  id: string;
  name: string;
  createdAt: string;
  examples: number;
  byteSize: number;
}

export interface TokenizerRow {
  id: string;
  name: string;
  savedAt: string;
  byteSize: number;
}

export interface StorageSnapshot {
  usage: StorageUsage;
  runs: RunRow[];
  checkpoints: CheckpointRow[];
  datasets: DatasetRow[];
  tokenizers: TokenizerRow[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function describeRun(run: RunRecord, recordBytes: number, checkpoints: ReadonlyMap<string, { name: string; byteSize: number }>): RunRow {
  const linked = linkedCheckpointIds(run).map((id) => {
    const stored = checkpoints.get(id);
    return { id, name: stored?.name ?? null, byteSize: stored?.byteSize ?? null };
  });
  return {
    id: run.id,
    kind: text(run.kind) ?? 'run',
    name: text(run.name),
    created: text(run.createdAt) ?? text(run.startedAt),
    status: text(run.status),
    recordBytes,
    checkpoints: linked,
    totalBytes: recordBytes + linked.reduce((sum, entry) => sum + (entry.byteSize ?? 0), 0),
  };
}

/** Deleting a run deletes the checkpoints only it links; checkpoints another run links are kept. */
export function deletionPlan(runId: string, runs: readonly RunRow[]): { deleted: LinkedCheckpoint[]; kept: { checkpoint: LinkedCheckpoint; by: string[] }[] } {
  const run = runs.find((entry) => entry.id === runId);
  const deleted: LinkedCheckpoint[] = [];
  const kept: { checkpoint: LinkedCheckpoint; by: string[] }[] = [];
  for (const checkpoint of run?.checkpoints ?? []) {
    if (checkpoint.byteSize === null) continue;
    const by = runs.filter((other) => other.id !== runId && other.checkpoints.some((entry) => entry.id === checkpoint.id)).map((other) => other.id);
    if (by.length > 0) kept.push({ checkpoint, by });
    else deleted.push(checkpoint);
  }
  return { deleted, kept };
}

export async function readStorageSnapshot(store: LabStore): Promise<StorageSnapshot> {
  const [usage, runs, checkpoints, datasets, tokenizers] = [await store.usage(), await store.listRuns(), await store.listCheckpoints(), await store.listDatasets(), await store.listTokenizers()];
  const sizeOf = (kind: StoredItemKind, id: string) => usage.perItem.find((item) => item.kind === kind && item.id === id)?.byteSize ?? 0;
  const checkpointMap = new Map(checkpoints.map((entry) => [entry.id, { name: entry.name, byteSize: entry.byteSize }]));
  const runRows = runs.map((run) => describeRun(run, sizeOf('run', run.id), checkpointMap));
  return {
    usage,
    runs: runRows,
    checkpoints: checkpoints.map((entry) => ({
      id: entry.id,
      name: entry.name,
      createdAt: entry.createdAt,
      byteSize: entry.byteSize,
      stage: text((entry.metadata.training as { stage?: unknown } | null | undefined)?.stage),
      runIds: runRows.filter((run) => run.checkpoints.some((linked) => linked.id === entry.id)).map((run) => run.id),
    })),
    datasets: datasets.map((info) => ({
      id: info.id,
      name: info.name,
      createdAt: info.createdAt,
      examples: Object.values(info.splits).reduce((sum, stats) => sum + (stats?.count ?? 0), 0),
      byteSize: sizeOf('dataset', info.id),
    })),
    tokenizers: tokenizers.map(({ id, name, savedAt, byteSize }) => ({ id, name, savedAt, byteSize })),
  };
}
