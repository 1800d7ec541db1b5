// The darl-no-dasa ablation's selection: as many pool samples as DASA selected, drawn uniformly
// from the same pool rows, with DASA's detector scores attached so the report shows how OOD the
// random picks are.
import { selectRandom } from '../../dasa/random-select';
import type { CandidateRule, DetectorScores, SelectionResult } from '../../dasa/types';
import type { PipelineData } from '../data';
import type { RandomSelectSettings } from '../settings';
import type { StageOutput } from '../stage';
import type { DasaRecord } from './dasa';

export interface RandomSelectRecord {
  selection: SelectionResult;
}

/** What a selection on DASA's pool rows needs from the DASA run: its rows, scores, scoring settings, count and the rows' tags. */
export function dasaPoolRows(dasa: DasaRecord, data: PipelineData) {
  const { selection, valScores } = dasa;
  const poolIds = selection.perSample.map((sample) => sample.id);
  const scores: Record<string, DetectorScores> = Object.fromEntries(
    Object.entries(valScores).map(([name, val]) => [name, { val, pool: selection.perSample.map((sample) => sample.scores[name]) }]),
  );
  return {
    poolIds,
    scores,
    tags: new Map(data.pool.map((example) => [example.id, example.tags])),
    /** As many as DASA selected, so every selection labels the same number of pool samples. */
    budget: selection.stats.selected,
    quantile: selection.thresholds?.quantile,
    weights: selection.settings.weights as Record<string, number> | undefined,
    candidates: selection.settings.candidates as CandidateRule | undefined,
  };
}

export function runRandomSelect(settings: RandomSelectSettings, inputs: { dasa: DasaRecord; data: PipelineData }): StageOutput<RandomSelectRecord> {
  const { poolIds, scores, tags, ...options } = dasaPoolRows(inputs.dasa, inputs.data);
  return { record: { selection: selectRandom({ poolIds, scores, tags }, { seed: settings.seed, ...options }) } };
}
