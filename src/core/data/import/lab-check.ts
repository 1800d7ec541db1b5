// `data check` for the lab's layout: reads every file, validates every line, checks ids across
// files and pool labels against the pool, and gathers the statistics a person wants to see.
import { SPLITS, type Example, type Split } from '../schema';
import type { ByteSource } from './byte-source';
import { DuplicateIdError, EmptyFileError, formatPlace, importFault, UnknownReferenceError } from './errors';
import { FaultPolicy } from './fault-policy';
import { duplicateLabel, isPoolLabelsFile, readLabExamples, readPoolLabels, REQUIRED_SPLITS, splitOfFile } from './lab-layout';

export interface SplitSummary {
  count: number;
  /** Grades 0, 1, 2, and unknown (null). */
  grades: [number, number, number];
  unknownGrades: number;
  queries: number;
  meanQueryChars: number;
  meanTitleChars: number;
  meanFieldChars: number;
}

export interface LabCheckResult {
  splits: Partial<Record<Split, SplitSummary>>;
  poolLabels: number;
  /** Queries found in more than one split, by pair ("train/test_id": n). */
  sharedQueries: Record<string, number>;
  files: string[];
}

class SplitAccumulator {
  count = 0;
  grades: [number, number, number] = [0, 0, 0];
  unknownGrades = 0;
  queries = new Set<string>();
  queryChars = 0;
  titleChars = 0;
  fieldChars = 0;
  add(example: Example): void {
    this.count++;
    if (example.grade === null) this.unknownGrades++;
    else this.grades[example.grade]++;
    this.queries.add(example.query);
    this.queryChars += example.query.length;
    this.titleChars += example.item.title.length;
    for (const value of Object.values(example.item.fields)) this.fieldChars += value.length;
  }
  summary(): SplitSummary {
    const mean = (total: number) => (this.count ? total / this.count : 0);
    return {
      count: this.count,
      grades: this.grades,
      unknownGrades: this.unknownGrades,
      queries: this.queries.size,
      meanQueryChars: mean(this.queryChars),
      meanTitleChars: mean(this.titleChars),
      meanFieldChars: mean(this.fieldChars),
    };
  }
}

/** Checks lab-layout files. The first fault throws (file:line:column: problem). */
export async function checkLabFiles(sources: readonly ByteSource[]): Promise<LabCheckResult> {
  const policy = new FaultPolicy();
  const accumulators = new Map<Split, SplitAccumulator>();
  const ids = new Map<string, { file: string; line: number }>();
  const poolIds = new Set<string>();
  const labelSources = sources.filter((s) => isPoolLabelsFile(s.name));
  const exampleSources = sources.filter((s) => !isPoolLabelsFile(s.name));
  const querySplits = new Map<string, Set<Split>>();
  for (const source of exampleSources) {
    let examplesInFile = 0;
    for await (const { example, line } of readLabExamples(source, policy)) {
      examplesInFile++;
      const seen = ids.get(example.id);
      if (seen) throw importFault(DuplicateIdError, { file: source.name, line }, `duplicate id ${JSON.stringify(example.id)}: already used at ${formatPlace(seen)}`);
      ids.set(example.id, { file: source.name, line });
      if (example.split === 'pool') poolIds.add(example.id);
      let accumulator = accumulators.get(example.split);
      if (!accumulator) accumulators.set(example.split, (accumulator = new SplitAccumulator()));
      accumulator.add(example);
      const key = example.query.trim().toLowerCase();
      let splits = querySplits.get(key);
      if (!splits) querySplits.set(key, (splits = new Set()));
      splits.add(example.split);
    }
    const split = splitOfFile(source.name);
    if (examplesInFile === 0 && split !== undefined && REQUIRED_SPLITS.includes(split)) {
      throw importFault(EmptyFileError, { file: source.name }, `the ${split} split is empty; a dataset needs at least one ${split} example`);
    }
  }
  let poolLabels = 0;
  const labelled = new Map<string, { file: string; line: number }>();
  for (const source of labelSources) {
    for await (const label of readPoolLabels(source, policy)) {
      const seen = labelled.get(label.id);
      if (seen) throw duplicateLabel(label, seen);
      labelled.set(label.id, { file: source.name, line: label.line });
      if (exampleSources.length > 0 && !poolIds.has(label.id)) {
        throw importFault(UnknownReferenceError, { file: source.name, line: label.line }, `id ${JSON.stringify(label.id)} is not a pool example in the files checked`);
      }
      poolLabels++;
    }
  }
  const sharedQueries: Record<string, number> = {};
  for (const splits of querySplits.values()) {
    if (splits.size < 2) continue;
    const ordered = SPLITS.filter((s) => splits.has(s));
    for (let i = 0; i < ordered.length; i++) for (let j = i + 1; j < ordered.length; j++) {
      const pair = `${ordered[i]}/${ordered[j]}`;
      sharedQueries[pair] = (sharedQueries[pair] ?? 0) + 1;
    }
  }
  const splits: Partial<Record<Split, SplitSummary>> = {};
  for (const split of SPLITS) {
    const accumulator = accumulators.get(split);
    if (accumulator) splits[split] = accumulator.summary();
  }
  return { splits, poolLabels, sharedQueries, files: sources.map((s) => s.name) };
}
