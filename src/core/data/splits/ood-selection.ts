// Picks the OOD side of an imported dataset: which queries are OOD, which rows go to test_ood
// (with the tag saying why), and which rows are dropped because their query went OOD.
import { createRng } from '../../random';
import { importFault, listValues, SplitError } from '../import/errors';
import { clusterQueries } from './query-clusters';
import { DEFAULT_CLUSTERS, DEFAULT_MAX_OOD_SHARE, type OodRule } from './ood-rule';
import { columnValue, type SplitRow } from './split-row';

export interface OodSelection {
  /** Query keys on the OOD side. */
  oodQueries: Set<string>;
  /** Tag of each OOD row by row index (rows of OOD queries without a tag are dropped). */
  oodTags: Map<number, string>;
  /** Facts for the report: cluster sizes, held-out clusters, values found. */
  facts: Record<string, unknown>;
}

const optionPlace = { file: 'split options' };

function byColumn(rows: readonly SplitRow[], column: string, values: readonly string[]): OodSelection {
  const counts = new Map<string, number>();
  let rowsWithColumn = 0;
  for (const row of rows) {
    const value = columnValue(row, column);
    if (value === undefined) continue;
    rowsWithColumn++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  if (rowsWithColumn === 0) {
    const available = [...new Set(rows.slice(0, 1000).flatMap((row) => [...Object.keys(row.attributes), ...Object.keys(row.item.fields)]))];
    throw importFault(SplitError, optionPlace, `--ood-column: no row has a column ${JSON.stringify(column)}; columns available: ${listValues(available)} (add one with --map group=COLUMN)`);
  }
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
  const missing = values.filter((value) => !counts.has(value));
  if (missing.length > 0) {
    throw importFault(SplitError, optionPlace, `--ood-values: ${listValues(missing)} never occur in column ${JSON.stringify(column)}; most frequent values: ${listValues(byFrequency)}`);
  }
  const held = new Set(values);
  const oodQueries = new Set<string>();
  const oodTags = new Map<number, string>();
  rows.forEach((row, i) => {
    const value = columnValue(row, column);
    if (value !== undefined && held.has(value)) {
      oodQueries.add(row.queryKey);
      oodTags.set(i, `ood:${column}=${value}`);
    }
  });
  return { oodQueries, oodTags, facts: { column, values: [...values], valueCounts: Object.fromEntries(values.map((v) => [v, counts.get(v)])) } };
}

function byClusters(rows: readonly SplitRow[], rule: Extract<OodRule, { kind: 'clusters' }>, seed: number): OodSelection {
  const k = rule.clusters ?? DEFAULT_CLUSTERS;
  const maxShare = rule.maxOodShare ?? DEFAULT_MAX_OOD_SHARE;
  if (!(rule.heldOut >= 1 && rule.heldOut < k)) {
    throw importFault(SplitError, optionPlace, `--ood-clusters: hold out between 1 and ${k - 1} of the ${k} clusters, got ${rule.heldOut}`);
  }
  const textOf = new Map<string, string>();
  for (const row of rows) if (!textOf.has(row.queryKey)) textOf.set(row.queryKey, row.query);
  const keys = [...textOf.keys()].sort();
  if (keys.length < k) throw importFault(SplitError, optionPlace, `--ood-clusters: ${keys.length} distinct queries cannot form ${k} clusters`);
  const rng = createRng(seed).fork('ood-clusters');
  const assignment = clusterQueries(keys.map((key) => textOf.get(key)!), k, rng);
  const sizes = new Array<number>(k).fill(0);
  for (const c of assignment) sizes[c]++;
  // Hold out clusters in a seeded order, skipping any that would push the OOD share past the cap.
  const held: number[] = [];
  let heldQueries = 0;
  for (const c of rng.shuffle([...sizes.keys()])) {
    if (held.length === rule.heldOut) break;
    if (sizes[c] === 0 || heldQueries + sizes[c] > maxShare * keys.length) continue;
    held.push(c);
    heldQueries += sizes[c];
  }
  if (held.length === 0) {
    throw importFault(SplitError, optionPlace, `--ood-clusters: every cluster holds more than ${Math.round(maxShare * 100)}% of the queries; cluster sizes ${sizes.join(', ')} (try more clusters)`);
  }
  const clusterOf = new Map(keys.map((key, i) => [key, assignment[i]]));
  const heldSet = new Set(held);
  const oodQueries = new Set(keys.filter((key) => heldSet.has(clusterOf.get(key)!)));
  const oodTags = new Map<number, string>();
  rows.forEach((row, i) => {
    if (oodQueries.has(row.queryKey)) oodTags.set(i, `ood:cluster=${clusterOf.get(row.queryKey)}`);
  });
  return { oodQueries, oodTags, facts: { clusters: k, clusterSizes: sizes, heldOutClusters: held.sort((a, b) => a - b) } };
}

export function selectOod(rows: readonly SplitRow[], rule: OodRule, seed: number): OodSelection {
  if (rule.kind === 'column') return byColumn(rows, rule.column, rule.values);
  if (rule.kind === 'clusters') return byClusters(rows, rule, seed);
  return { oodQueries: new Set(), oodTags: new Map(), facts: {} };
}
