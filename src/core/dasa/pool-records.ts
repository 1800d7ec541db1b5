// The per-sample records of a selection that is not DASA's own (random, uncertainty, core-set,
// random among OOD-tagged): with DASA's detector scores given, the same scores, ranks and thresholds
// as the DASA run, so a report shows how OOD the picks are; without them, blank records.
import { scorePool } from './scoring';
import { markSelected, selectionStats } from './stats';
import type { SampleRecord, ScoredPoolInput, ScoringOptions, SelectionMethod, SelectionResult, Thresholds } from './types';

export interface PoolRecords {
  records: SampleRecord[];
  thresholds: Thresholds | null;
  /** The scoring settings in effect (empty without scores). */
  settings: Record<string, unknown>;
}

function unscoredRecords(poolIds: readonly string[]): SampleRecord[] {
  return poolIds.map((id) => ({
    id,
    scores: {},
    combined: NaN,
    rank: NaN,
    aboveThreshold: false,
    aboveDetectorThreshold: {},
    selected: false,
    selectionOrder: null,
    nearDuplicateOf: null,
  }));
}

export function poolRecords(input: { poolIds: readonly string[]; scores?: ScoredPoolInput['scores'] }, options: ScoringOptions): PoolRecords {
  if (!input.scores || Object.keys(input.scores).length === 0) return { records: unscoredRecords(input.poolIds), thresholds: null, settings: {} };
  const scored = scorePool({ poolIds: input.poolIds, scores: input.scores }, options);
  return { records: scored.records, thresholds: scored.thresholds, settings: scored.settings };
}

/** Marks the chosen rows (pool indices, in selection order) and builds the selection's result. */
export function finishSelection(
  method: SelectionMethod,
  pool: PoolRecords,
  chosen: readonly number[],
  budget: number,
  tags: ScoredPoolInput['tags'],
  settings: Record<string, unknown>,
): SelectionResult {
  const selected = markSelected(pool.records, chosen);
  return {
    method,
    selected,
    perSample: pool.records,
    thresholds: pool.thresholds,
    stats: selectionStats(pool.records, budget, tags),
    settings: { ...pool.settings, budget, ...settings },
  };
}
