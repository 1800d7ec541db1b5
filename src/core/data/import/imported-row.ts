// A validated row, ready for splitting: the example's content plus the keys that identify its
// query and item, and the attribute columns an OOD rule may hold out.
import type { Grade, Item } from '../schema';

export interface ImportedRow {
  id: string;
  query: string;
  /** Same key, same query (query id, else the normalized query text). */
  queryKey: string;
  /** Same key, same item (item id, else the normalized title). */
  itemKey: string;
  item: Item;
  grade: Grade;
  /** Values of the group columns (e.g. category), by column name. */
  attributes: Record<string, string>;
  file: string;
  line: number;
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Trimmed, runs of white space as one space, lower case: "Red  Sofa " and "red sofa" are one key. */
export function normalizeKey(text: string): string {
  const trimmed = text.trim();
  // The common case (single ASCII spaces) skips the replace, which dominated large imports.
  return (NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed).toLowerCase();
}
