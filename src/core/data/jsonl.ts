// The lab's own JSONL layout: one Example per line, keys always in the same order, so the same
// examples give byte-identical files. Reading checks each line as `data check` does (lab-layout.ts),
// so a bad line is a named error that says file:line:column.
import { ImportError } from './import/errors';
import { duplicateLabel, validateExample, validatePoolLabel } from './import/lab-layout';
import { parseJsonObject, type JsonLine } from './import/jsonl-lines';
import type { Example, Grade } from './schema';

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

/** The non-blank lines of a JSONL text with their line numbers. */
function* jsonLines(text: string): Generator<JsonLine> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() !== '') yield { line: index + 1, text: lines[index] };
  }
}

/**
 * Reads examples written by examplesToJsonl. `source` names the file in error messages; a bad line
 * throws the named import error that says where (file:line:column: problem).
 */
export function examplesFromJsonl(text: string, source = 'examples.jsonl'): Example[] {
  const examples: Example[] = [];
  for (const jsonLine of jsonLines(text)) {
    const record = parseJsonObject(source, jsonLine);
    const example = record instanceof ImportError ? record : validateExample(record, source, jsonLine.line, jsonLine.text);
    if (example instanceof ImportError) throw example;
    examples.push(example);
  }
  return examples;
}

/** Reads pool_labels.jsonl into id -> grade; an id given twice is an error naming both lines. */
export function labelsFromJsonl(text: string, source = 'labels.jsonl'): Map<string, Grade> {
  const labels = new Map<string, Grade>();
  const lines = new Map<string, number>();
  for (const jsonLine of jsonLines(text)) {
    const record = parseJsonObject(source, jsonLine);
    const label = record instanceof ImportError ? record : validatePoolLabel(record, source, jsonLine.line, jsonLine.text);
    if (label instanceof ImportError) throw label;
    const first = lines.get(label.id);
    if (first !== undefined) throw duplicateLabel(label, { file: source, line: first });
    lines.set(label.id, label.line);
    labels.set(label.id, label.grade);
  }
  return labels;
}
