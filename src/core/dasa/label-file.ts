// Reads grades for selected pool samples from a JSONL or CSV/TSV file of id,grade pairs.
// Every problem is collected with its line number, then reported together.
import { DEFAULT_LABEL_NAMES, type Grade } from '../data/schema';
import { AnnotationFileError } from './errors';

export type LabelFileFormat = 'jsonl' | 'csv' | 'tsv';

export interface LabelFileOptions {
  /** Used in messages and to pick the format from the extension. */
  fileName?: string;
  format?: LabelFileFormat;
  /** When given, an id outside this set is a problem (e.g. the pool ids). */
  knownIds?: Iterable<string>;
  /** Grade names accepted besides 0, 1, 2 (case-insensitive), in grade order. */
  labelNames?: readonly [string, string, string];
}

export interface LabelProblem {
  line: number;
  problem: string;
}

const MAX_LISTED = 5;

function detectFormat(text: string, options: LabelFileOptions): LabelFileFormat {
  if (options.format) return options.format;
  const name = options.fileName?.toLowerCase() ?? '';
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (name.endsWith('.tsv')) return 'tsv';
  if (name.endsWith('.csv')) return 'csv';
  const first = text.trimStart();
  if (first.startsWith('{')) return 'jsonl';
  return first.split(/\r?\n/, 1)[0].includes('\t') ? 'tsv' : 'csv';
}

function parseGrade(value: unknown, labelNames: readonly string[]): Grade | null {
  if (value === 0 || value === 1 || value === 2) return value;
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  if (text === '0' || text === '1' || text === '2') return Number(text) as Grade;
  const named = labelNames.findIndex((name) => name.toLowerCase() === text);
  return named >= 0 ? (named as Grade) : null;
}

/** Splits one delimited line; double quotes enclose fields and "" is a literal quote. Null on an unclosed quote. */
function splitDelimited(line: string, delimiter: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else field += char;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

interface RawRow {
  line: number;
  id: unknown;
  grade: unknown;
}

function jsonlRows(lines: string[], problems: LabelProblem[]): RawRow[] {
  const rows: RawRow[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problems.push({ line, problem: 'not valid JSON' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, problem: 'expected an object like {"id": "...", "grade": 2}' });
      return;
    }
    const record = value as Record<string, unknown>;
    rows.push({ line, id: record.id, grade: record.grade });
  });
  return rows;
}

function delimitedRows(lines: string[], delimiter: string, problems: LabelProblem[]): RawRow[] {
  const headerIndex = lines.findIndex((text) => text.trim() !== '');
  if (headerIndex < 0) return [];
  const header = (splitDelimited(lines[headerIndex], delimiter) ?? []).map((name) => name.toLowerCase());
  const idColumn = header.indexOf('id');
  const gradeColumn = header.indexOf('grade');
  if (idColumn < 0 || gradeColumn < 0) {
    problems.push({ line: headerIndex + 1, problem: `the header must name an "id" and a "grade" column (found: ${header.join(', ')})` });
    return [];
  }
  const rows: RawRow[] = [];
  for (let index = headerIndex + 1; index < lines.length; index++) {
    if (lines[index].trim() === '') continue;
    const fields = splitDelimited(lines[index], delimiter);
    if (!fields) {
      problems.push({ line: index + 1, problem: 'a quoted field is not closed' });
      continue;
    }
    rows.push({ line: index + 1, id: fields[idColumn], grade: fields[gradeColumn] });
  }
  return rows;
}

export function parseLabelFile(text: string, options: LabelFileOptions = {}): Map<string, Grade> {
  const format = detectFormat(text, options);
  const labelNames = options.labelNames ?? DEFAULT_LABEL_NAMES;
  const known = options.knownIds ? new Set(options.knownIds) : null;
  const problems: LabelProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows = format === 'jsonl' ? jsonlRows(lines, problems) : delimitedRows(lines, format === 'tsv' ? '\t' : ',', problems);

  const grades = new Map<string, Grade>();
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const id = typeof row.id === 'number' && Number.isInteger(row.id) ? String(row.id) : row.id;
    if (typeof id !== 'string' || id.trim() === '') {
      problems.push({ line: row.line, problem: 'missing id' });
      continue;
    }
    const grade = parseGrade(row.grade, labelNames);
    if (grade === null) {
      const shown = row.grade === undefined || row.grade === '' ? 'missing grade' : `grade ${JSON.stringify(row.grade)} is not 0, 1, 2 or one of ${labelNames.join('/')}`;
      problems.push({ line: row.line, problem: shown });
      continue;
    }
    if (known && !known.has(id)) {
      problems.push({ line: row.line, problem: `unknown id "${id}" (not among the samples to label)` });
      continue;
    }
    if (firstLine.has(id)) {
      problems.push({ line: row.line, problem: `duplicate id "${id}" (first given on line ${firstLine.get(id)})` });
      continue;
    }
    firstLine.set(id, row.line);
    grades.set(id, grade);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    const file = options.fileName ?? `the ${format.toUpperCase()} label file`;
    const listed = problems.slice(0, MAX_LISTED).map((entry) => `line ${entry.line}: ${entry.problem}`).join('; ');
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
    throw new AnnotationFileError(`${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${listed}${more}.`, {
      file,
      format,
      problems,
    });
  }
  return grades;
}
