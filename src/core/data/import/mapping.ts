// Which columns of a file hold the query, the item title, the label and the rest.
import { optionError } from './labels';

export interface ColumnMapping {
  query: string;
  title: string;
  label: string;
  /** Further item text columns, kept in this order as Item.fields. */
  text: string[];
  /** Row id (else "<file>:<line>"). */
  id?: string;
  /** Query id: rows with the same one are the same query (else the normalized query text). */
  queryId?: string;
  /** Item id: identifies the item for duplicate checks (else the normalized title). */
  itemId?: string;
  /** Columns kept as attributes for OOD rules, e.g. a category column. */
  group: string[];
}

const SINGLE_KEYS = { query: 'query', title: 'title', label: 'label', id: 'id', query_id: 'queryId', item_id: 'itemId' } as const;
const LIST_KEYS = { text: 'text', group: 'group' } as const;

/** Parses "query=search_term,title=product_title,label=relevance,text=brand,text=color,group=category" over `base`. */
export function parseMapping(text: string, base: Partial<ColumnMapping> = {}): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = { ...base };
  const lists: Partial<Record<'text' | 'group', string[]>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (eq <= 0 || column === '') throw optionError('--map', `"${part}" should look like KEY=COLUMN`);
    if (key in SINGLE_KEYS) mapping[SINGLE_KEYS[key as keyof typeof SINGLE_KEYS]] = column;
    else if (key in LIST_KEYS) (lists[key as 'text' | 'group'] ??= []).push(column);
    else throw optionError('--map', `unknown key "${key}"; keys are ${[...Object.keys(SINGLE_KEYS), ...Object.keys(LIST_KEYS)].join(', ')}`);
  }
  if (lists.text) mapping.text = lists.text;
  if (lists.group) mapping.group = lists.group;
  return mapping;
}

/** Completes a mapping, or says which required key is missing. */
export function completeMapping(partial: Partial<ColumnMapping>): ColumnMapping {
  for (const key of ['query', 'title', 'label'] as const) {
    if (!partial[key]) throw optionError('--map', `no column given for "${key}" (e.g. --map query=search_term,title=product_title,label=relevance)`);
  }
  return { text: [], group: [], ...partial } as ColumnMapping;
}

export function requiredColumns(mapping: ColumnMapping): string[] {
  const columns = [mapping.query, mapping.title, mapping.label, ...mapping.text, ...mapping.group];
  for (const optional of [mapping.id, mapping.queryId, mapping.itemId]) if (optional) columns.push(optional);
  return [...new Set(columns)];
}
