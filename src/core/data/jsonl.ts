// The lab's own JSONL layout: one Example per line, keys always in the same order, so the same
// examples give byte-identical files. (User files go through the importers, which validate them.)
import { LabError, registerLabError } from '../errors';
import { isGrade, SPLITS, type Example, type Grade, type Split } from './schema';

export class JsonlFormatError extends LabError {}
registerLabError(JsonlFormatError);

function orderedExample(example: Example): Example {
  return {
    id: example.id,
    query: example.query,
    // Item fields keep their display order.
    item: { title: example.item.title, fields: { ...example.item.fields } },
    grade: example.grade,
    split: example.split,
    tags: [...example.tags],
  };
}

/** One JSON object per line, each line ending in "\n". */
export function examplesToJsonl(examples: readonly Example[]): string {
  return examples.map((example) => `${JSON.stringify(orderedExample(example))}\n`).join('');
}

/** Pool gold labels kept apart from the pool: {"id","grade"} per line. */
export function labelsToJsonl(examples: readonly Example[]): string {
  return examples.map((example) => `${JSON.stringify({ id: example.id, grade: example.grade })}\n`).join('');
}

/** The same examples with their grades hidden (null). */
export function withoutGrades(examples: readonly Example[]): Example[] {
  return examples.map((example) => ({ ...example, grade: null }));
}

function fail(source: string, line: number, message: string): never {
  throw new JsonlFormatError(`${source}, line ${line}: ${message}`, { file: source, line });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Reads examples written by examplesToJsonl. `source` names the file in error messages. */
export function examplesFromJsonl(text: string, source = 'examples.jsonl'): Example[] {
  const examples: Example[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      fail(source, lineNumber, `not valid JSON (${(error as Error).message})`);
    }
    const record = value as Record<string, unknown>;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) fail(source, lineNumber, 'expected one JSON object per line');
    if (typeof record.id !== 'string') fail(source, lineNumber, '"id" must be a string');
    if (typeof record.query !== 'string') fail(source, lineNumber, '"query" must be a string');
    const item = record.item as Record<string, unknown> | undefined;
    if (typeof item !== 'object' || item === null || typeof item.title !== 'string' || !isStringRecord(item.fields)) {
      fail(source, lineNumber, '"item" must be {"title": string, "fields": {name: string}}');
    }
    if (record.grade !== null && !isGrade(record.grade)) fail(source, lineNumber, `"grade" must be 0, 1, 2 or null, got ${JSON.stringify(record.grade)}`);
    if (!(SPLITS as readonly unknown[]).includes(record.split)) fail(source, lineNumber, `"split" must be one of ${SPLITS.join(', ')}`);
    if (!Array.isArray(record.tags) || !record.tags.every((tag) => typeof tag === 'string')) fail(source, lineNumber, '"tags" must be a list of strings');
    examples.push({
      id: record.id,
      query: record.query,
      item: { title: item!.title as string, fields: item!.fields as Record<string, string> },
      grade: record.grade as Grade | null,
      split: record.split as Split,
      tags: record.tags as string[],
    });
  });
  return examples;
}

/** Reads pool_labels.jsonl into id -> grade. */
export function labelsFromJsonl(text: string, source = 'labels.jsonl'): Map<string, Grade> {
  const labels = new Map<string, Grade>();
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: { id?: unknown; grade?: unknown };
    try {
      value = JSON.parse(raw);
    } catch (error) {
      fail(source, index + 1, `not valid JSON (${(error as Error).message})`);
    }
    if (typeof value?.id !== 'string' || !isGrade(value.grade)) fail(source, index + 1, 'expected {"id": string, "grade": 0, 1 or 2}');
    labels.set(value.id, value.grade);
  });
  return labels;
}
