// Validating reader of the lab's own layout: train/val/test_id/test_ood/pool.jsonl hold one Example
// per line, pool_labels.jsonl holds {"id","grade"} per line. Every fault names file, line, column.
import { isGrade, SPLITS, type Example, type Grade, type Split } from '../schema';
import type { ByteSource } from './byte-source';
import type { DecodeOptions } from './decode-text';
import { DuplicateIdError, formatPlace, ImportError, importFault, InvalidExampleError, type Place } from './errors';
import type { FaultPolicy } from './fault-policy';
import { jsonlLines, parseJsonObject } from './jsonl-lines';
import { keyColumn } from './jsonl-reader';

export const SPLIT_FILES: Record<Split, string> = {
  train: 'train.jsonl',
  val: 'val.jsonl',
  test_id: 'test_id.jsonl',
  test_ood: 'test_ood.jsonl',
  pool: 'pool.jsonl',
};
export const POOL_LABELS_FILE = 'pool_labels.jsonl';
/** Splits that must hold examples; the others may be empty (no OOD rule, no pool, a zero share). */
export const REQUIRED_SPLITS: readonly Split[] = ['train'];
export const DATASET_INFO_FILE = 'dataset.json';

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** The split a file holds, judged by its name (train.jsonl -> train). */
export function splitOfFile(name: string): Split | undefined {
  const base = baseName(name);
  return SPLITS.find((split) => SPLIT_FILES[split] === base);
}

export function isPoolLabelsFile(name: string): boolean {
  return baseName(name) === POOL_LABELS_FILE;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** The Example on a line, or the fault naming the first key that is wrong. */
export function validateExample(record: Record<string, unknown>, file: string, line: number, raw: string, expectedSplit?: Split): Example | ImportError {
  const at = (key: string): Place => ({ file, line, column: keyColumn(raw, key), columnName: key });
  const bad = (key: string, problem: string) => importFault(InvalidExampleError, at(key), problem);
  const missing = ['id', 'query', 'item', 'grade', 'split', 'tags'].find((key) => !Object.hasOwn(record, key));
  if (missing) return importFault(InvalidExampleError, { file, line, column: 1 }, `missing key "${missing}"; an example has id, query, item, grade, split, tags`);
  if (typeof record.id !== 'string' || record.id === '') return bad('id', 'must be a non-empty string');
  if (typeof record.query !== 'string' || record.query.trim() === '') return bad('query', 'must be a non-empty string');
  const item = record.item as Record<string, unknown>;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad('item', 'must be {"title": string, "fields": {name: string}}');
  if (typeof item.title !== 'string' || item.title.trim() === '') return bad('item', 'item.title must be a non-empty string');
  if (!isStringMap(item.fields)) return bad('item', 'item.fields must map names to strings');
  if (record.grade !== null && !isGrade(record.grade)) return bad('grade', `must be 0, 1, 2 or null, got ${JSON.stringify(record.grade)}`);
  if (!(SPLITS as readonly unknown[]).includes(record.split)) return bad('split', `must be one of ${SPLITS.join(', ')}, got ${JSON.stringify(record.split)}`);
  if (expectedSplit && record.split !== expectedSplit) return bad('split', `is ${JSON.stringify(record.split)} but this file holds the ${expectedSplit} split`);
  if (record.split !== 'pool' && record.grade === null) return bad('grade', `is null, but only pool examples may hide their grade`);
  if (!Array.isArray(record.tags) || !record.tags.every((tag) => typeof tag === 'string')) return bad('tags', 'must be a list of strings');
  return {
    id: record.id,
    query: record.query,
    item: { title: item.title, fields: { ...(item.fields as Record<string, string>) } },
    grade: record.grade as Grade | null,
    split: record.split as Split,
    tags: record.tags as string[],
  };
}

export interface LocatedExample {
  example: Example;
  line: number;
}

/** Streams the examples of a lab-layout file; line faults go to `policy`. */
export async function* readLabExamples(source: ByteSource, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<LocatedExample> {
  const expected = splitOfFile(source.name);
  // An empty split (e.g. no pool) is a valid file in the lab's layout.
  for await (const jsonLine of jsonlLines(source, decode, undefined, true)) {
    const record = parseJsonObject(source.name, jsonLine);
    const example = record instanceof ImportError ? record : validateExample(record, source.name, jsonLine.line, jsonLine.text, expected);
    if (example instanceof ImportError) policy.reject(example);
    else yield { example, line: jsonLine.line };
  }
}

export interface LocatedLabel {
  id: string;
  grade: Grade;
  line: number;
  /** Where its id sits, for messages. */
  place: Place;
}

/** The pool label on a line, or the fault naming the key that is wrong. */
export function validatePoolLabel(record: Record<string, unknown>, file: string, line: number, raw: string): LocatedLabel | ImportError {
  const at = (key: string): Place => ({ file, line, column: keyColumn(raw, key), columnName: key });
  if (typeof record.id !== 'string' || record.id === '') return importFault(InvalidExampleError, at('id'), 'must be a non-empty string');
  if (!isGrade(record.grade)) return importFault(InvalidExampleError, at('grade'), `must be 0, 1 or 2, got ${JSON.stringify(record.grade)}`);
  return { id: record.id, grade: record.grade, line, place: at('id') };
}

/** The fault for a pool label whose id came before at `first`. */
export function duplicateLabel(label: LocatedLabel, first: { file: string; line: number }): DuplicateIdError {
  return importFault(DuplicateIdError, label.place, `duplicate id ${JSON.stringify(label.id)}: already used at ${formatPlace(first)}`, { firstAt: first });
}

/** Streams pool_labels.jsonl: {"id": string, "grade": 0|1|2} per line. */
export async function* readPoolLabels(source: ByteSource, policy: FaultPolicy, decode: DecodeOptions = {}): AsyncGenerator<LocatedLabel> {
  for await (const jsonLine of jsonlLines(source, decode, undefined, true)) {
    const record = parseJsonObject(source.name, jsonLine);
    const label = record instanceof ImportError ? record : validatePoolLabel(record, source.name, jsonLine.line, jsonLine.text);
    if (label instanceof ImportError) policy.reject(label);
    else yield label;
  }
}
