// The per-sample records of a selection that is not DASA's own (random, uncertainty, core-set,
// random among OOD-tagged): with DASA's detector scores given, the same scores, ranks and thresholds
// as the DASA run, so a report shows how OOD the picks are; without them, blank records.
import { scorePool } from './scoring';
import type { SampleRecord, ScoredPoolInput, ScoringOptions, Thresholds } from './types';

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
