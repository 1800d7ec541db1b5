// What this browser keeps, read once from the store and shaped for the Runs and storage screen:
// run records (any kind) with the checkpoints they link, checkpoints with the runs that link them,
// datasets, tokenizers, their sizes, and the origin's quota. Runs are shown generically: id, kind,
// name, created, status, size and linked checkpoints, whatever wrote them. A run that links other run
// records (a DaRL pipeline run and its stage records, src/storage/run-links.ts) is one row with its
// members inside it; a member is not listed on its own.
import { linkedCheckpointIds, runClosure, runDeletionPlan, topLevelRuns } from '../../storage/run-links';
import type { LabStore, RunRecord, StorageUsage, StoredItemKind } from '../../storage';

export interface LinkedCheckpoint {
  id: string;
  name: string | null;
  /** Null when the run names a checkpoint that is no longer stored. */
  byteSize: number | null;
}

/** A run record inside a group: a pipeline stage's record (or the DASA picture). */
export interface MemberRow {
  id: string;
  /** The pipeline stage, or null for a record that is not a stage's output. */
  stage: string | null;
  /** Null when the group links a record that is no longer stored. */
  recordBytes: number | null;
  finishedAt: string | null;
  seconds: number | null;
  /** Its checkpoint (a stage's checkpoint has the record's name), or null. */
  checkpoint: LinkedCheckpoint | null;
  /** Other runs that link it too: it stays when this run is deleted. */
  sharedWith: string[];
}

/** What deleting a run deletes and keeps. */
export interface DeletionRow {
  records: string[];
  checkpoints: LinkedCheckpoint[];
  kept: { id: string; by: string[] }[];
  /** Bytes the deletion frees: the run record, and the members and checkpoints that go. */
  freedBytes: number;
}

export interface RunRow {
  id: string;
  kind: string;
  name: string | null;
  created: string | null;
  status: string | null;
  recordBytes: number;
  /** Every checkpoint the run and its members link. */
  checkpoints: LinkedCheckpoint[];
  /** The linked run records, or null when the run is not a group. */
  members: MemberRow[] | null;
  /** The dataset a pipeline run ran on, with whether it is stored here; null for other runs. */
  dataset: { id: string; name: string | null; stored: boolean } | null;
  /** The record, its members and every stored checkpoint they link, each counted once. */
  totalBytes: number;
  /** The part of totalBytes another run links too (not freed by deleting this one). */
  sharedBytes: number;
  deletion: DeletionRow;
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
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

type Sizes = ReadonlyMap<string, { name: string; byteSize: number }>;

function linked(id: string, checkpoints: Sizes): LinkedCheckpoint {
  const stored = checkpoints.get(id);
  return { id, name: stored?.name ?? null, byteSize: stored?.byteSize ?? null };
}

function member(id: string, record: RunRecord | undefined, recordBytes: (id: string) => number, checkpoints: Sizes, sharedWith: string[]): MemberRow {
  const value = (record?.value ?? {}) as Record<string, unknown>;
  const checkpointId = record ? linkedCheckpointIds(record)[0] : undefined;
  return {
    id,
    stage: text(value.stage),
    recordBytes: record ? recordBytes(id) : null,
    finishedAt: text(value.finishedAt) ?? text(record?.createdAt),
    seconds: num(value.seconds),
    checkpoint: checkpointId ? linked(checkpointId, checkpoints) : null,
    sharedWith,
  };
}

/**
 * One row of the Runs list: the run, its members (when it links run records) and its checkpoints,
 * sizes counted once, and what deleting it would delete. `runs` is every stored run record.
 */
export function describeRun(run: RunRecord, runs: readonly RunRecord[], recordBytes: (id: string) => number, checkpoints: Sizes, datasetIds: ReadonlySet<string> = new Set()): RunRow {
  const stored = new Map(runs.map((entry) => [entry.id, entry]));
  stored.set(run.id, run);
  const closure = runClosure(run, stored);
  const plan = runDeletionPlan(run.id, [...stored.values()]);
  const keptRecords = new Map(plan.keptRecords.map((entry) => [entry.id, entry.by]));
  const keptCheckpoints = new Set(plan.keptCheckpoints.map((entry) => entry.id));
  const group = closure.records.length > 0 || closure.missingRecords.length > 0 || run.kind === 'pipeline-run';
  const ids = group ? [...closure.records.map((entry) => entry.id), ...closure.missingRecords] : [];
  const members = group ? ids.map((id) => member(id, stored.get(id), recordBytes, checkpoints, keptRecords.get(id) ?? [])) : null;
  const links = closure.checkpointIds.map((id) => linked(id, checkpoints));
  const own = recordBytes(run.id);
  const memberBytes = (members ?? []).reduce((sum, entry) => sum + (entry.recordBytes ?? 0), 0);
  const checkpointBytes = links.reduce((sum, entry) => sum + (entry.byteSize ?? 0), 0);
  const sharedBytes =
    (members ?? []).filter((entry) => entry.sharedWith.length > 0).reduce((sum, entry) => sum + (entry.recordBytes ?? 0), 0) +
    links.filter((entry) => keptCheckpoints.has(entry.id)).reduce((sum, entry) => sum + (entry.byteSize ?? 0), 0);
  const datasetId = run.kind === 'pipeline-run' ? text(run.datasetId) : null;
  const totalBytes = own + memberBytes + checkpointBytes;
  return {
    id: run.id,
    kind: text(run.kind) ?? 'run',
    name: text(run.name),
    created: text(run.createdAt) ?? text(run.startedAt),
    status: text(run.status),
    recordBytes: own,
    checkpoints: links,
    members,
    dataset: datasetId ? { id: datasetId, name: text(run.datasetName), stored: datasetIds.has(datasetId) } : null,
    totalBytes,
    sharedBytes,
    deletion: {
      records: plan.records,
      checkpoints: links.filter((entry) => plan.checkpoints.includes(entry.id) && entry.byteSize !== null),
      // A stage record and its checkpoint share a name: one line for both.
      kept: [...plan.keptRecords, ...plan.keptCheckpoints.filter((entry) => !plan.keptRecords.some((record) => record.id === entry.id))],
      freedBytes: totalBytes - sharedBytes,
    },
  };
}

export async function readStorageSnapshot(store: LabStore): Promise<StorageSnapshot> {
  const [usage, runs, checkpoints, datasets, tokenizers] = [await store.usage(), await store.listRuns(), await store.listCheckpoints(), await store.listDatasets(), await store.listTokenizers()];
  const sizeOf = (kind: StoredItemKind, id: string) => usage.perItem.find((item) => item.kind === kind && item.id === id)?.byteSize ?? 0;
  const checkpointMap = new Map(checkpoints.map((entry) => [entry.id, { name: entry.name, byteSize: entry.byteSize }]));
  const datasetIds = new Set(datasets.map((info) => info.id));
  const runRows = topLevelRuns(runs).map((run) => describeRun(run, runs, (id) => sizeOf('run', id), checkpointMap, datasetIds));
  return {
    usage,
    runs: runRows,
    checkpoints: checkpoints.map((entry) => ({
      id: entry.id,
      name: entry.name,
      createdAt: entry.createdAt,
      byteSize: entry.byteSize,
      stage: text((entry.metadata.training as { stage?: unknown } | null | undefined)?.stage),
      runIds: runRows.filter((run) => run.checkpoints.some((link) => link.id === entry.id)).map((run) => run.id),
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
