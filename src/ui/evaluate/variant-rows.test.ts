import { describe, expect, it } from 'vitest';
import type { PipelineEvaluationView, PipelineStageInfo, PipelineVariantResult, Variant } from '../../core/engine/pipeline-types';
import { variantRows, type VariantLookup } from './variant-rows';

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
