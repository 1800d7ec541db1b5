// What a preset is: the files it reads (by role), how it resolves the user's options into a plan
// (mapping, label rule), and the stream of validated rows it produces from the files.
import type { Grade } from '../../schema';
import type { ByteSource } from '../byte-source';
import type { DecodeOptions, TextEncodingChoice } from '../decode-text';
import { ImportError } from '../errors';
import type { FaultPolicy } from '../fault-policy';
import type { ImportedRow } from '../imported-row';
import { describeLabelRule, labelNamesOf, type LabelRule } from '../labels';
import type { ColumnMapping } from '../mapping';
import { buildRow, DEFAULT_MAX_FIELD_CHARS, type RowParts, type RowRules } from '../row-builder';
import type { TableFormat } from '../table';

export interface PresetOptions {
  /** Overrides of the preset's column mapping (the generic preset needs query, title and label). */
  mapping?: Partial<ColumnMapping>;
  /** Category label -> grade, e.g. {E: 2, S: 1, C: 1, I: 0}. */
  labels?: Record<string, Grade>;
  /** Two thresholds that cut a numeric score into grades 0/1/2. */
  thresholds?: [number, number];
  /** The declared score range; scores outside it are rejected. */
  scoreRange?: [number, number];
  encoding?: TextEncodingChoice;
  /** Format of the generic preset's files (default: from the file name). */
  format?: TableFormat;
  delimiter?: string;
  maxFieldChars?: number;
  /** ESCI: keep only this product_locale (us, es, jp). */
  locale?: string;
  /** ESCI: keep only rows with small_version = 1. */
  smallVersion?: boolean;
  /** ESCI: keep only rows with large_version = 1. */
  largeVersion?: boolean;
  /** ESCI: each query's split comes from the examples' own `split` column (train/test), not the lab's draw. */
  officialSplit?: boolean;
}

export interface RoleSpec {
  role: string;
  required: boolean;
  /** Matches the file names this role usually has. */
  pattern: RegExp;
  /** What the file is, for messages ("label.csv (id, query_id, product_id, label)"). */
  expected: string;
}

export interface PresetPlan {
  mapping: ColumnMapping;
  labelRule: LabelRule;
  labelNames: [string, string, string];
  encoding: TextEncodingChoice;
  maxFieldChars: number;
  /** Everything that decides the import, stored in dataset.json. */
  settings: Record<string, unknown>;
  /** An attribute whose value (train or test) fixes each query's side of the split (ESCI's official split). */
  splitColumn?: string;
}

export interface PresetContext {
  policy: FaultPolicy;
  decode: DecodeOptions;
}

export interface Preset {
  name: string;
  summary: string;
  roles: RoleSpec[];
  /** Files that match no pattern go to this role. */
  primaryRole: string;
  plan(options: PresetOptions): PresetPlan;
  rows(files: Record<string, ByteSource[]>, plan: PresetPlan, context: PresetContext): AsyncGenerator<ImportedRow>;
}

/** Builds a row, handing a row fault to the policy (which throws, or skips and lists it). */
export function buildOrReject(parts: RowParts, rules: RowRules, policy: FaultPolicy): ImportedRow | null {
  try {
    return buildRow(parts, rules);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    policy.reject(error);
    return null;
  }
}

/**
 * A plan from its mapping, label rule and encoding. Its settings start with the mapping and the label
 * rule, then `settings` in the order given: they go into the dataset id, so the order stays put.
 */
export function presetPlan(options: PresetOptions, mapping: ColumnMapping, labelRule: LabelRule, encoding: TextEncodingChoice, settings: Record<string, unknown>): PresetPlan {
  return {
    mapping,
    labelRule,
    labelNames: labelNamesOf(labelRule),
    encoding,
    maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
    settings: { mapping, labels: labelRule, labelRule: describeLabelRule(labelRule), ...settings },
  };
}

/**
 * Builds a row from the parts `join` reads off the joined rows. A fault while joining (an unknown
 * reference, a bad cell) goes to the policy like a row fault; a missing column stops the import.
 */
export function joinOrReject(join: () => RowParts, rules: RowRules, policy: FaultPolicy): ImportedRow | null {
  let parts: RowParts;
  try {
    parts = join();
  } catch (error) {
    if (!(error instanceof ImportError) || error.name === 'MissingColumnError') throw error;
    policy.reject(error);
    return null;
  }
  return buildOrReject(parts, rules, policy);
}
