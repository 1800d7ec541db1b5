// Splits imported rows by query: no query ever appears in two splits. The OOD rule picks the
// test_ood queries; a pool fraction of the ID and of the OOD queries becomes the unlabeled pool
// (gold grades kept on the examples, hidden when written); the rest of the ID queries are cut into
// train / val / test_id. Seeded and independent of row order.
import { createRng } from '../../random';
import type { Example, Split } from '../schema';
import { importFault, SplitError } from '../import/errors';
import { allocateCounts } from './allocate';
import { officialSides } from './official-split';
import { selectOod } from './ood-selection';
import type { OodRule } from './ood-rule';
import type { SplitRow } from './split-row';

export interface SplitFractions {
  train: number;
  val: number;
  test_id: number;
}

export interface SplitOptions {
  seed: number;
  /** Shares of the labelled ID queries (default 0.7 / 0.1 / 0.2). */
  fractions?: SplitFractions;
  /** Share of the queries (ID and OOD alike) whose examples go to the unlabeled pool. */
  poolFraction?: number;
  ood: OodRule;
  /**
   * A column (train/test per query) that decides each query's side instead of the seeded draw:
   * train-side ID queries are drawn into pool, train and val (the test_id share is not used),
   * test-side ID queries form test_id, test-side OOD queries test_ood, and the pool share of the
   * train-side OOD queries goes to the pool; the rest of those are left out.
   */
  officialColumn?: string;
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.7, val: 0.1, test_id: 0.2 };
export const DEFAULT_POOL_FRACTION = 0.2;

export interface SplitReport {
  /** Queries per split. */
  queries: Record<Split, number>;
  /** Rows left out because their query went OOD but the row itself has no held-out value. */
  droppedRows: number;
  ood: Record<string, unknown>;
  /** With an official split: queries per side, and the train-side OOD queries and rows left out. */
  official?: { column: string; trainQueries: number; testQueries: number; leftOutQueries: number; leftOutRows: number };
}

export interface SplitResult {
  examples: Record<Split, Example[]>;
  report: SplitReport;
}

const optionPlace = { file: 'split options' };

function checkOptions(fractions: SplitFractions, poolFraction: number): void {
  const values = [fractions.train, fractions.val, fractions.test_id];
  if (values.some((f) => !(f >= 0)) || values.reduce((a, b) => a + b, 0) <= 0 || fractions.train <= 0) {
    throw importFault(SplitError, optionPlace, `--fractions: train/val/test_id shares must be >= 0 with train > 0, got ${values.join(',')}`);
  }
  if (!(poolFraction >= 0 && poolFraction < 1)) throw importFault(SplitError, optionPlace, `--pool: the pool fraction must be in [0, 1), got ${poolFraction}`);
}

export function splitDataset(rows: readonly SplitRow[], options: SplitOptions): SplitResult {
  const fractions = options.fractions ?? DEFAULT_FRACTIONS;
  const poolFraction = options.poolFraction ?? DEFAULT_POOL_FRACTION;
  checkOptions(fractions, poolFraction);
  const selection = selectOod(rows, options.ood, options.seed);
  const rng = createRng(options.seed);
  const idRng = rng.fork('id-queries');
  const oodRng = rng.fork('ood-queries');

  const allKeys = [...new Set(rows.map((row) => row.queryKey))].sort();
  const oodKeys = allKeys.filter((key) => selection.oodQueries.has(key));
  const idKeys = allKeys.filter((key) => !selection.oodQueries.has(key));
  const splitOf = new Map<string, Split>();

  const official = options.officialColumn === undefined ? null : officialSides(rows, options.officialColumn);
  const side = (key: string) => official?.get(key) ?? 'train';
  const trainSideId = idRng.shuffle(idKeys.filter((key) => side(key) === 'train'));
  const idPool = Math.round(poolFraction * trainSideId.length);
  const shares = official ? [fractions.train, fractions.val] : [fractions.train, fractions.val, fractions.test_id];
  const [train, val] = allocateCounts(trainSideId.length - idPool, shares);
  const needed = shares.filter((f) => f > 0).length;
  if (trainSideId.length - idPool < needed) {
    throw importFault(SplitError, optionPlace, `only ${trainSideId.length - idPool} in-distribution ${official ? 'train-side ' : ''}queries are left for ${needed} labelled splits (${trainSideId.length} ID queries, ${idPool} to the pool)`);
  }
  trainSideId.forEach((key, i) => {
    const split: Split = i < idPool ? 'pool' : i < idPool + train ? 'train' : i < idPool + train + val ? 'val' : 'test_id';
    splitOf.set(key, split);
  });
  for (const key of idKeys) if (side(key) === 'test') splitOf.set(key, 'test_id');

  const shuffledOod = oodRng.shuffle(oodKeys);
  if (official) {
    // Test-side OOD queries are the OOD test; the pool share of the train-side ones is unlabeled data.
    const trainSideOod = shuffledOod.filter((key) => side(key) === 'train');
    trainSideOod.slice(0, Math.round(poolFraction * trainSideOod.length)).forEach((key) => splitOf.set(key, 'pool'));
    for (const key of shuffledOod) if (side(key) === 'test') splitOf.set(key, 'test_ood');
  } else {
    const oodPool = Math.min(Math.round(poolFraction * shuffledOod.length), Math.max(0, shuffledOod.length - 1));
    shuffledOod.forEach((key, i) => splitOf.set(key, i < oodPool ? 'pool' : 'test_ood'));
  }

  const examples: Record<Split, Example[]> = { train: [], val: [], test_id: [], test_ood: [], pool: [] };
  const queries: Record<Split, Set<string>> = { train: new Set(), val: new Set(), test_id: new Set(), test_ood: new Set(), pool: new Set() };
  let droppedRows = 0;
  let leftOutRows = 0;
  rows.forEach((row, i) => {
    const split = splitOf.get(row.queryKey);
    if (split === undefined) {
      leftOutRows++;
      return;
    }
    const tag = selection.oodTags.get(i);
    if (selection.oodQueries.has(row.queryKey) && tag === undefined) {
      droppedRows++;
      return;
    }
    examples[split].push({ id: row.id, query: row.query, item: row.item, grade: row.grade, split, tags: tag ? [tag] : [] });
    queries[split].add(row.queryKey);
  });
  if (options.ood.kind !== 'none' && examples.test_ood.length === 0) {
    throw importFault(SplitError, optionPlace, official
      ? 'the OOD rule left test_ood empty: no held-out query is on the test side of the official split; hold out other values'
      : 'the OOD rule left test_ood empty (all held-out queries went to the pool); lower --pool or hold out more');
  }
  const queryCounts = Object.fromEntries(Object.entries(queries).map(([split, set]) => [split, set.size])) as Record<Split, number>;
  const report: SplitReport = { queries: queryCounts, droppedRows, ood: selection.facts };
  if (official && options.officialColumn !== undefined) {
    const sides = [...official.values()];
    const leftOutQueries = allKeys.filter((key) => !splitOf.has(key)).length;
    report.official = { column: options.officialColumn, trainQueries: sides.filter((s) => s === 'train').length, testQueries: sides.filter((s) => s === 'test').length, leftOutQueries, leftOutRows };
  }
  return { examples, report };
}
