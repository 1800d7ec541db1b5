// The darl-no-dasa ablation's selection: as many pool samples as DASA selected, drawn uniformly
// from the same pool rows, with DASA's detector scores attached so the report shows how OOD the
// random picks are.
import { selectRandom } from '../../dasa/random-select';
import type { SelectionResult } from '../../dasa/types';
import type { PipelineData } from '../data';
import type { RandomSelectSettings } from '../settings';
import type { StageOutput } from '../stage';
import type { DasaRecord } from './dasa';

export interface RandomSelectRecord {
  selection: SelectionResult;
}

export function runRandomSelect(settings: RandomSelectSettings, inputs: { dasa: DasaRecord; data: PipelineData }): StageOutput<RandomSelectRecord> {
  const { selection, valScores } = inputs.dasa;
  const poolIds = selection.perSample.map((sample) => sample.id);
  const scores = Object.fromEntries(
    Object.entries(valScores).map(([name, val]) => [name, { val, pool: selection.perSample.map((sample) => sample.scores[name]) }]),
  );
  const thresholds = selection.thresholds;
  return {
    record: {
      selection: selectRandom(
        { poolIds, scores, tags: new Map(inputs.data.pool.map((example) => [example.id, example.tags])) },
        {
          seed: settings.seed,
          budget: selection.stats.selected,
          quantile: thresholds?.quantile,
          weights: selection.settings.weights as Record<string, number> | undefined,
          candidates: selection.settings.candidates as 'combined' | 'any' | 'all' | undefined,
        },
      ),
    },
  };
}
