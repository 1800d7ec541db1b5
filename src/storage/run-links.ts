// How stored runs belong together. A run record names its checkpoints in `checkpointId` and
// `checkpointIds`, and the other run records it is made of in `recordIds` (docs/STORAGE.md, "Run
// files"). The page's DaRL pipeline run (`pipeline/<dataset id>`) is such a group: its members are
// the run store's stage records ("stage/finetune-<key>") and the DASA picture ("view/dasa-pca-<key>").
// Stage records are content-keyed, so two pipeline runs may share one; a member or checkpoint is
// deleted with a run only when no other run still links it. Pure: no store, no DOM.
import type { RunRecord } from './types';

/**
 * The checkpoints a run record names: `checkpointId` (one) and `checkpointIds` (several), in that
 * order, without repeats. Every kind of run names its checkpoints this way.
 */
export function linkedCheckpointIds(run: RunRecord): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '') ids.add(value);
  };
  add(run.checkpointId);
  if (Array.isArray(run.checkpointIds)) run.checkpointIds.forEach(add);
  return [...ids];
}

/**
 * The other run records a run is made of, without repeats and never itself: `recordIds`, or for a
 * pipeline run written before `recordIds` existed, the run-store names of its `stages`.
 */
export function linkedRecordIds(run: RunRecord): string[] {
  const ids = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value !== '' && value !== run.id) ids.add(value);
  };
  if (Array.isArray(run.recordIds)) run.recordIds.forEach(add);
  else if (run.kind === 'pipeline-run' && Array.isArray(run.stages)) {
    for (const stage of run.stages as unknown[]) if (typeof stage === 'object' && stage !== null) add((stage as { name?: unknown }).name);
  }
  return [...ids];
}

/** Whether the run is a group of other runs (it links run records). */
export const isRunGroup = (run: RunRecord): boolean => linkedRecordIds(run).length > 0 || run.kind === 'pipeline-run';

export interface RunClosure {
  /** Linked run records that are stored, in link order. */
  records: RunRecord[];
  /** Linked record ids that are not stored. */
  missingRecords: string[];
  /** The checkpoints the run and its stored members link, without repeats. */
  checkpointIds: string[];
}

/** A run with the records it links (one level: members do not link further records) and all their checkpoints. */
export function runClosure(run: RunRecord, stored: ReadonlyMap<string, RunRecord>): RunClosure {
  const records: RunRecord[] = [];
  const missingRecords: string[] = [];
  for (const id of linkedRecordIds(run)) {
    const member = stored.get(id);
    if (member) records.push(member);
    else missingRecords.push(id);
  }
  const checkpointIds = [...new Set([run, ...records].flatMap(linkedCheckpointIds))];
  return { records, missingRecords, checkpointIds };
}

/** The runs listed on their own: every run that no group links (a group's members are listed inside it). */
export function topLevelRuns(runs: readonly RunRecord[]): RunRecord[] {
  const members = new Set(runs.filter(isRunGroup).flatMap(linkedRecordIds));
  return runs.filter((run) => !members.has(run.id) || isRunGroup(run));
}

export interface RunDeletionPlan {
  /** Member records that go with the run (no other run links them). */
  records: string[];
  /** Member records another run still links, with those runs' ids. */
  keptRecords: { id: string; by: string[] }[];
  /** Checkpoints that go (no remaining run links them). */
  checkpoints: string[];
  keptCheckpoints: { id: string; by: string[] }[];
}

/**
 * What deleting a run deletes: the run record, its members no other run links, and the checkpoints
 * no remaining run links. `by` names the top-level runs that keep an item.
 */
export function runDeletionPlan(runId: string, runs: readonly RunRecord[]): RunDeletionPlan {
  const stored = new Map(runs.map((run) => [run.id, run]));
  const run = stored.get(runId);
  if (!run) return { records: [], keptRecords: [], checkpoints: [], keptCheckpoints: [] };
  const others = runs.filter((entry) => entry.id !== runId);
  // Who lists an item: a group lists its members' items under its own id.
  const owner = new Map<string, string>();
  for (const group of others.filter(isRunGroup)) for (const id of linkedRecordIds(group)) if (!owner.has(id)) owner.set(id, group.id);
  const shownAs = (id: string) => owner.get(id) ?? id;
  const recordLinkers = linkersOf(others, linkedRecordIds);
  const records: string[] = [];
  const keptRecords: RunDeletionPlan['keptRecords'] = [];
  const closure = runClosure(run, stored);
  for (const member of closure.records) {
    const by = recordLinkers.get(member.id) ?? [];
    if (by.length > 0) keptRecords.push({ id: member.id, by });
    else records.push(member.id);
  }
  const going = new Set([runId, ...records]);
  const checkpointLinkers = linkersOf(runs.filter((entry) => !going.has(entry.id)), linkedCheckpointIds);
  const checkpoints: string[] = [];
  const keptCheckpoints: RunDeletionPlan['keptCheckpoints'] = [];
  for (const id of closure.checkpointIds) {
    const by = [...new Set((checkpointLinkers.get(id) ?? []).map(shownAs))];
    if (by.length > 0) keptCheckpoints.push({ id, by });
    else checkpoints.push(id);
  }
  return { records, keptRecords, checkpoints, keptCheckpoints };
}

/** For each linked id, the runs that link it, in run order: one pass over the links, not one per id. */
function linkersOf(runs: readonly RunRecord[], links: (run: RunRecord) => string[]): Map<string, string[]> {
  const linkers = new Map<string, string[]>();
  for (const run of runs) {
    for (const id of links(run)) {
      const list = linkers.get(id);
      if (list) list.push(run.id);
      else linkers.set(id, [run.id]);
    }
  }
  return linkers;
}
