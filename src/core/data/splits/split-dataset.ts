// Splits imported rows by query: no query ever appears in two splits. The OOD rule picks the
// test_ood queries; a pool fraction of the ID and of the OOD queries becomes the unlabeled pool
// (gold grades kept on the examples, hidden when written); the rest of the ID queries are cut into
// train / val / test_id. Seeded and independent of row order.
import { createRng } from '../../random';
import type { Example, Split } from '../schema';
import { importFault, SplitError } from '../import/errors';
import { allocateCounts } from './allocate';
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
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.7, val: 0.1, test_id: 0.2 };
export const DEFAULT_POOL_FRACTION = 0.2;

export interface SplitReport {
  /** Queries per split. */
  queries: Record<Split, number>;
  /** Rows left out because their query went OOD but the row itself has no held-out value. */
  droppedRows: number;
  ood: Record<string, unknown>;
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

  const shuffledId = idRng.shuffle(idKeys);
  const idPool = Math.round(poolFraction * shuffledId.length);
  const [train, val] = allocateCounts(shuffledId.length - idPool, [fractions.train, fractions.val, fractions.test_id]);
  const needed = [fractions.train, fractions.val, fractions.test_id].filter((f) => f > 0).length;
  if (shuffledId.length - idPool < needed) {
    throw importFault(SplitError, optionPlace, `only ${shuffledId.length - idPool} in-distribution queries are left for ${needed} labelled splits (${idKeys.length} ID queries, ${idPool} to the pool)`);
  }
  shuffledId.forEach((key, i) => {
    const split: Split = i < idPool ? 'pool' : i < idPool + train ? 'train' : i < idPool + train + val ? 'val' : 'test_id';
    splitOf.set(key, split);
  });

  const shuffledOod = oodRng.shuffle(oodKeys);
  const oodPool = Math.min(Math.round(poolFraction * shuffledOod.length), Math.max(0, shuffledOod.length - 1));
  shuffledOod.forEach((key, i) => splitOf.set(key, i < oodPool ? 'pool' : 'test_ood'));

  const examples: Record<Split, Example[]> = { train: [], val: [], test_id: [], test_ood: [], pool: [] };
  const queries: Record<Split, Set<string>> = { train: new Set(), val: new Set(), test_id: new Set(), test_ood: new Set(), pool: new Set() };
  let droppedRows = 0;
  rows.forEach((row, i) => {
    const split = splitOf.get(row.queryKey)!;
    const tag = selection.oodTags.get(i);
    if (selection.oodQueries.has(row.queryKey) && tag === undefined) {
      droppedRows++;
      return;
    }
    examples[split].push({ id: row.id, query: row.query, item: row.item, grade: row.grade, split, tags: tag ? [tag] : [] });
    queries[split].add(row.queryKey);
  });
  if (options.ood.kind !== 'none' && examples.test_ood.length === 0) {
    throw importFault(SplitError, optionPlace, 'the OOD rule left test_ood empty (all held-out queries went to the pool); lower --pool or hold out more');
  }
  const queryCounts = Object.fromEntries(Object.entries(queries).map(([split, set]) => [split, set.size])) as Record<Split, number>;
  return { examples, report: { queries: queryCounts, droppedRows, ood: selection.facts } };
}
