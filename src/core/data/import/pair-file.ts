// The rows of a file of pairs to score: query, item (title and further text columns) and, when the
// file maps a label column, the gold grade (0, 1 or 2; a blank label is no grade). Read with the
// importers' table readers and row checks, so a bad file or row gets the same named errors with
// file, line and column (an empty query or title, a field too long, a bad CSV or JSON line).
import type { Grade, Item } from '../schema';
import type { ByteSource } from './byte-source';
import type { TextEncodingChoice } from './decode-text';
import type { Place } from './errors';
import type { FaultPolicy } from './fault-policy';
import { idPrefixes } from './id-prefixes';
import { gradeReader, NUMERIC_GRADES } from './labels';
import { DEFAULT_MAX_FIELD_CHARS, type RowParts } from './row-builder';
import { buildOrReject } from './presets/preset';
import { readTable } from './read-table';
import { formatFromName, type TableFormat } from './table';

export interface PairFileMapping {
  query: string;
  title: string;
  /** Gold grades 0/1/2, optional: scored files need none. */
  label?: string;
  /** Row id (else "<file stem>:<line>"). */
  id?: string;
  /** Further item text columns, kept in this order as the item's fields. */
  text?: string[];
}

export interface PairFileOptions {
  mapping: PairFileMapping;
  /** Default: from the file name (.jsonl, .tsv, .parquet, else CSV). */
  format?: TableFormat;
  delimiter?: string;
  encoding?: TextEncodingChoice;
}

export interface PairFileRow {
  id: string;
  /** Physical line (1-based) where the record starts. */
  line: number;
  query: string;
  item: Item;
  /** The file's own grade, when it maps a label column and the row has one. */
  gold: Grade | null;
}

const numericGrade = gradeReader({ kind: 'categories', map: NUMERIC_GRADES });

/** Every column the mapping names, once each. */
export function pairFileColumns(mapping: PairFileMapping): string[] {
  const named = [mapping.query, mapping.title, mapping.label, mapping.id, ...(mapping.text ?? [])];
  return [...new Set(named.filter((column): column is string => typeof column === 'string' && column !== ''))];
}

/** The rows in file order; a bad row is thrown or, with the policy's skipBadRows, skipped and listed. */
export async function* readPairFile(source: ByteSource, options: PairFileOptions, policy: FaultPolicy): AsyncGenerator<PairFileRow> {
  const { mapping } = options;
  const format = options.format ?? formatFromName(source.name);
  const [idPrefix] = idPrefixes([source.name]);
  let gold: Grade | null = null;
  // The importers' row builder reads the label through this rule: a blank cell (or no label column) is no grade.
  const grade = (raw: string, place: () => Place): Grade => {
    gold = mapping.label && raw.trim() !== '' ? numericGrade(raw, place) : null;
    return gold ?? 0;
  };
  const rules = { grade, maxFieldChars: DEFAULT_MAX_FIELD_CHARS, idPrefix };
  const table = readTable(source, { format, delimiter: options.delimiter, requiredColumns: pairFileColumns(mapping) }, policy, { encoding: options.encoding });
  for await (const row of table) {
    const parts: RowParts = {
      anchor: row,
      id: mapping.id ? { row, column: mapping.id } : undefined,
      query: { row, column: mapping.query },
      title: { row, column: mapping.title },
      label: { row, column: mapping.label || mapping.query },
      fields: (mapping.text ?? []).map((column) => [column, { row, column }]),
      attributes: [],
    };
    const built = buildOrReject(parts, rules, policy);
    if (built) yield { id: built.id, line: built.line, query: built.query, item: built.item, gold };
  }
}
