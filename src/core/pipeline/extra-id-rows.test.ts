import { describe, expect, it } from 'vitest';
import { sampleExamples } from './data';
import { defaultPipelineSettings } from './defaults';
import { PipelineInputError } from './errors';
import { extraIdTrainRows } from './extra-id-rows';

describe('extra ID train rows (ce-ft+id)', () => {
  const base = defaultPipelineSettings('nano', 1);
  const withRows = (trainRows: number | null, budget: number | null = null) => ({ ...base, finetune: { ...base.finetune, trainRows }, dasa: { ...base.dasa, budget, budgetFraction: 0.05 } });

  it("adds DASA's budget to the fine-tuning's ID train rows: dasa.budget, or round(budgetFraction * ID train size)", () => {
    expect(extraIdTrainRows(withRows(1600), 10_000)).toBe(2100);
    expect(extraIdTrainRows(withRows(1600, 300), 10_000)).toBe(1900);
  });

  it('refuses by name when fine-tuning already uses every ID train row, or when ID train has too few', () => {
    expect(() => extraIdTrainRows(withRows(null), 10_000)).toThrow(PipelineInputError);
    expect(() => extraIdTrainRows(withRows(null), 10_000)).toThrow(/already uses every ID train row, so there are no extra ID labels/);
    expect(() => extraIdTrainRows(withRows(9_800), 10_000)).toThrow(/needs finetune.trainRows \(9800\) \+ DASA's budget \(500\) ID train rows, and ID train has 10000/);
  });

  it("the larger seeded sample holds the fine-tuning's own sample, so the extra rows come on top of the same rows", () => {
    const rows = Array.from({ length: 500 }, (_, i) => i);
    const own = sampleExamples(rows, 100, '1/finetune-train');
    const more = new Set(sampleExamples(rows, 125, '1/finetune-train'));
    expect(own.every((row) => more.has(row))).toBe(true);
  });
});
