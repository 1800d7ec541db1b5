import { describe, expect, it } from 'vitest';
import type { PipelineBaselineResult, PipelineEvaluationView, PipelineStageInfo, PipelineVariantResult, Variant } from '../../engine/pipeline-types';
import { baselineVerdicts } from './baseline-verdicts';
import type { VariantLookup } from '../lab/variant-runs';
import { OVERLAP_BASELINE_ROW, variantRows } from './variant-rows';
import { DEFAULT_COLUMNS, summariseVariants } from './variant-summary';

const stage = (key: string): PipelineStageInfo => ({ stage: 'evaluate', key, name: `stage/evaluate-${key}`, status: 'stored', seconds: 1, finishedAt: '2026-01-01T00:00:00.000Z', hasCheckpoint: false, resumedFromStep: null, summary: '' });
const split = (macro_f1: number) => ({ macro_f1, accuracy: macro_f1 + 0.1 }) as PipelineVariantResult['test_id'];
const result = (variant: Variant, key: string, id: number, ood: number): PipelineVariantResult => ({ variant, stage: stage(key), test_id: split(id), test_ood: split(ood), id_ood_gap: { macro_f1: id - ood } });
const own = (variant: string, key: string, id: number, ood: number) => ({ stage: stage(key), variant, record: { test_id: split(id), test_ood: split(ood) } }) as unknown as PipelineEvaluationView;

const lookups: VariantLookup[] = [
  { variant: 'ce-ft', result: result('ce-ft', 'c', 0.7, 0.4) },
  { variant: 'darl', result: result('darl', 'd', 0.72, 0.5) },
  { variant: 'darl-no-occ', result: null },
  { variant: 'darl-no-wi', result: result('darl-no-wi', 'd', 0.72, 0.5) },
  { variant: 'darl-no-lp', result: null },
];

describe('variantRows', () => {
  it("lists the stored variants in order, marks the page's run on its own variant's row, and names the missing ones", () => {
    const { rows, missing } = variantRows(own('darl', 'd', 0.72, 0.5), 3, lookups);
    expect(rows.map((row) => `${row.variant}${row.own ? '*' : ''}`)).toEqual(['ce-ft', 'darl*', 'darl-no-wi']);
    expect(rows[0].seeds).toEqual([{ seed: 3, id: split(0.7), ood: split(0.4) }]);
    expect(missing).toEqual(['darl-no-occ', 'darl-no-lp']);
  });

  it("gives the page's run a row of its own when no variant's stored evaluation is it", () => {
    const custom = variantRows(own('custom', 'x', 0.6, 0.3), 1, lookups).rows;
    expect(custom.map((row) => `${row.variant}${row.own ? '*' : ''}`)).toEqual(['custom*', 'ce-ft', 'darl', 'darl-no-wi']);
    expect(custom[0].seeds[0].ood).toEqual(split(0.3));
    // Same variant name but another key (e.g. the lookup was read for other settings): not merged.
    expect(variantRows(own('darl', 'other', 0.6, 0.3), 1, lookups).rows.map((row) => `${row.variant}${row.own ? '*' : ''}`)).toEqual(['darl*', 'ce-ft', 'darl', 'darl-no-wi']);
  });

  it('without a run of the page, lists only stored variants; with nothing stored, nothing', () => {
    expect(variantRows(null, 1, lookups).rows.every((row) => !row.own)).toBe(true);
    expect(variantRows(null, 1, [{ variant: 'darl', result: null }])).toEqual({ rows: [], missing: ['darl'] });
  });
});

const overlap = (id: number, ood: number): PipelineBaselineResult => ({ description: 'overlap', test_id: split(id), test_ood: split(ood), id_ood_gap: { macro_f1: id - ood }, seconds: 2 });

describe('the overlap baseline beside the variants', () => {
  it('is the last row, marked as a baseline, with its numbers whatever the seed', () => {
    const { rows, missing } = variantRows(own('darl', 'd', 0.72, 0.5), 3, lookups, overlap(0.7, 0.46));
    expect(rows.map((row) => `${row.variant}${row.own ? '*' : ''}${row.baseline ? '!' : ''}`)).toEqual(['ce-ft', 'darl*', 'darl-no-wi', `${OVERLAP_BASELINE_ROW}!`]);
    expect(rows.at(-1)!.seeds).toEqual([{ seed: 3, id: split(0.7), ood: split(0.46) }]);
    expect(missing).toEqual(['darl-no-occ', 'darl-no-lp']);
    // Before any variant is stored the baseline is the table's only row: the bar is shown from the start.
    expect(variantRows(null, 1, [], overlap(0.7, 0.46)).rows.map((row) => row.variant)).toEqual([OVERLAP_BASELINE_ROW]);
    // It competes for the best of a column like the variants.
    const summary = summariseVariants(rows, DEFAULT_COLUMNS);
    expect(summary.at(-1)!.baseline).toBe(true);
    expect(summary.map((row) => row.cells[0].best)).toEqual([false, true, true, false]); // ID macro-F1: darl 0.72
  });

  it('gives a plain sentence for each variant that does not clear it on ID or OOD macro-F1', () => {
    const { rows } = variantRows(own('darl', 'd', 0.72, 0.5), 3, lookups, overlap(0.71, 0.46));
    expect(baselineVerdicts(rows)).toEqual([{ variant: 'ce-ft', text: 'The overlap baseline beats ce-ft on ID macro-F1 (0.710 vs 0.700) and beats it on OOD macro-F1 (0.460 vs 0.400).' }]);
    const beaten = variantRows(null, 1, lookups, overlap(0.6, 0.55)).rows;
    expect(baselineVerdicts(beaten).map((verdict) => verdict.text)).toEqual([
      'The overlap baseline beats ce-ft on OOD macro-F1 (0.550 vs 0.400).',
      'The overlap baseline beats darl on OOD macro-F1 (0.550 vs 0.500).',
      'The overlap baseline beats darl-no-wi on OOD macro-F1 (0.550 vs 0.500).',
    ]);
    expect(baselineVerdicts(variantRows(null, 1, lookups, overlap(0.5, 0.3)).rows)).toEqual([]);
    expect(baselineVerdicts(variantRows(null, 1, [{ variant: 'darl', result: result('darl', 'd', 0.5, 0.3) }], overlap(0.5, 0.2)).rows)[0].text).toBe('The overlap baseline ties with darl on ID macro-F1 (0.500 vs 0.500).');
    expect(baselineVerdicts(variantRows(null, 1, [{ variant: 'darl', result: result('darl', 'd', 0.4, 0.3) }], overlap(0.5, 0.3)).rows)[0].text).toBe(
      'The overlap baseline beats darl on ID macro-F1 (0.500 vs 0.400) and ties with it on OOD macro-F1 (0.300 vs 0.300).',
    );
    // Without the baseline's row, nothing to say.
    expect(baselineVerdicts(variantRows(null, 1, lookups).rows)).toEqual([]);
  });
});
