// Assembles one ImportedRow from cells (possibly from several joined files) and rejects it with a
// named fault when a cell is empty, too long, or holds an unknown label.
import type { Grade } from '../schema';
import { EmptyQueryError, EmptyTitleError, FieldTooLongError, importFault, type Place } from './errors';
import { normalizeKey, type ImportedRow } from './imported-row';
import type { TableRow } from './table';

export interface Cell {
  row: TableRow;
  column: string;
}

export interface RowParts {
  /** The row the example comes from (its file and line). */
  anchor: TableRow;
  id?: Cell;
  query: Cell;
  queryId?: Cell;
  title: Cell;
  itemId?: Cell;
  label: Cell;
  /** Item fields, in display order: field name -> cell. */
  fields: [string, Cell][];
  /** Attribute columns: name -> cell. */
  attributes: [string, Cell][];
}

export const DEFAULT_MAX_FIELD_CHARS = 20_000;

export interface RowRules {
  grade: (raw: string, place: () => Place) => Grade;
  maxFieldChars: number;
  /** Used in generated ids: "<prefix>:<line>", unique per file of an import (id-prefixes.ts). */
  idPrefix: string;
}

function text(cell: Cell): string {
  return cell.row.value(cell.column) ?? '';
}

function checked(cell: Cell, maxChars: number): string {
  const value = text(cell);
  if (value.length > maxChars) {
    throw importFault(FieldTooLongError, cell.row.place(cell.column), `the value is ${value.length} characters long; the limit is ${maxChars} (raise it with --max-field-chars)`, { limit: maxChars, length: value.length });
  }
  return value;
}

/** Builds the row or throws the first fault found. */
export function buildRow(parts: RowParts, rules: RowRules): ImportedRow {
  const query = checked(parts.query, rules.maxFieldChars).trim();
  if (query === '') throw importFault(EmptyQueryError, parts.query.row.place(parts.query.column), 'the query is empty');
  const title = checked(parts.title, rules.maxFieldChars).trim();
  if (title === '') throw importFault(EmptyTitleError, parts.title.row.place(parts.title.column), 'the item title is empty');
  const fields: Record<string, string> = {};
  for (const [name, cell] of parts.fields) {
    const value = checked(cell, rules.maxFieldChars).trim();
    if (value !== '') fields[name] = value;
  }
  const attributes: Record<string, string> = {};
  for (const [name, cell] of parts.attributes) attributes[name] = checked(cell, rules.maxFieldChars).trim();
  const grade = rules.grade(text(parts.label), () => parts.label.row.place(parts.label.column));
  const id = parts.id ? text(parts.id).trim() : '';
  const queryId = parts.queryId ? text(parts.queryId).trim() : '';
  const itemId = parts.itemId ? text(parts.itemId).trim() : '';
  return {
    id: id || `${rules.idPrefix}:${parts.anchor.line}`,
    query,
    queryKey: queryId ? `id:${queryId}` : normalizeKey(query),
    itemKey: itemId ? `id:${itemId}` : normalizeKey(title),
    item: { title, fields },
    grade,
    attributes,
    file: parts.anchor.file,
    line: parts.anchor.line,
  };
}
