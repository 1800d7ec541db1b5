// The lab's data model: graded query-item pairs and the datasets that hold them.
// Grades are ordinal: 0 irrelevant, 1 weak, 2 strong (METHOD.md, "Label convention").

export type Grade = 0 | 1 | 2;
export const GRADES: readonly Grade[] = [0, 1, 2];
export const DEFAULT_LABEL_NAMES: readonly [string, string, string] = ['irrelevant', 'weak', 'strong'];

/** train/val/test_id/test_ood are labelled; pool is the unlabeled pool DASA selects from. */
export type Split = 'train' | 'val' | 'test_id' | 'test_ood' | 'pool';
export const SPLITS: readonly Split[] = ['train', 'val', 'test_id', 'test_ood', 'pool'];

/** Names of the distribution shifts the built-in generator can apply. */
export type ShiftTag = 'unseen_category' | 'conversational' | 'colloquial_typo' | 'unseen_brand';
export const SHIFT_TAGS: readonly ShiftTag[] = ['unseen_category', 'conversational', 'colloquial_typo', 'unseen_brand'];

export interface Item {
  /** Product title: the item's main text. */
  title: string;
  /** Further text fields (category, brand, description, ...), in display order. */
  fields: Record<string, string>;
}

export interface Example {
  id: string;
  query: string;
  item: Item;
  /** The gold grade. For the pool it is the hidden gold grade (null when unknown, e.g. imported pools). */
  grade: Grade | null;
  split: Split;
  /** Which shifts produced this example; empty for in-distribution examples. Imported data may add its own tags. */
  tags: string[];
}

export interface SplitStats {
  count: number;
  /** Counts of grades 0, 1, 2 (unknown grades are not counted). */
  grades: [number, number, number];
  queries: number;
  meanQueryChars: number;
}

/** Label noise of data graded by simulated raters (the generator's realistic mode). */
export interface LabelNoise {
  /** Who graded: panel size and rater pool. */
  raters: string;
  /** Per split, the share of pairs a fresh panel of raters grades differently: a ceiling on agreement with the labels. */
  flipRate: Partial<Record<Split, number>>;
  overallFlipRate: number;
}

export interface DatasetInfo {
  id: string;
  name: string;
  /** Where the data came from: the generator with its config, or an import with its file and preset. */
  source: { kind: 'generated'; seed: number; config: unknown; labelNoise?: LabelNoise } | { kind: 'imported'; files: string[]; preset: string; options: unknown };
  labelNames: [string, string, string];
  splits: Partial<Record<Split, SplitStats>>;
  createdAt: string;
}

/** Statistics of one split, computed from its examples. */
export function splitStats(examples: readonly Example[]): SplitStats {
  const grades: [number, number, number] = [0, 0, 0];
  const queries = new Set<string>();
  let chars = 0;
  for (const example of examples) {
    if (example.grade !== null) grades[example.grade] += 1;
    queries.add(example.query);
    chars += example.query.length;
  }
  return { count: examples.length, grades, queries: queries.size, meanQueryChars: examples.length ? chars / examples.length : 0 };
}

export function isGrade(value: unknown): value is Grade {
  return value === 0 || value === 1 || value === 2;
}
