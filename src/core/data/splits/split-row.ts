// What the splitter needs of a row: its example content, its query key and its attributes.
import type { Grade, Item } from '../schema';

export interface SplitRow {
  id: string;
  query: string;
  /** Rows with the same key belong to the same query and always land in the same split. */
  queryKey: string;
  item: Item;
  grade: Grade;
  /** Columns an OOD rule may hold out (e.g. a category); item fields are looked up too. */
  attributes: Record<string, string>;
}

/** The value of an OOD column for a row: an attribute, else an item field. */
export function columnValue(row: SplitRow, column: string): string | undefined {
  return Object.hasOwn(row.attributes, column) ? row.attributes[column] : Object.hasOwn(row.item.fields, column) ? row.item.fields[column] : undefined;
}
