// The ce-ft+id control: fine-tuning gets as many more ID train rows as DASA's budget would label pool
// samples, on top of its seeded sample of ID train. The larger seeded sample holds the smaller one
// (sampleExamples takes a prefix of one seeded shuffle), so the extra rows come on top of the same rows.
import { resolveBudget } from '../dasa/budget';
import { PipelineInputError } from './errors';
import type { PipelineSettings } from './settings';

/** finetune.trainRows + DASA's budget (dasa.budget, or round(budgetFraction * ID train size)). */
export function extraIdTrainRows(settings: PipelineSettings, trainSize: number): number {
  const rows = settings.finetune.trainRows;
  if (rows === null) {
    throw new PipelineInputError(
      'The extra-ID-labels control (ce-ft+id) adds ID train rows to fine-tuning, and finetune.trainRows is null: fine-tuning already uses every ID train row, so there are no extra ID labels to give. Set finetune.trainRows below the ID train size (the demo budget uses 1,600).',
      { setting: 'finetune.trainRows' },
    );
  }
  const budget = resolveBudget({ budget: settings.dasa.budget ?? undefined, budgetFraction: settings.dasa.budgetFraction, trainSize });
  if (rows + budget > trainSize) {
    throw new PipelineInputError(
      `The extra-ID-labels control (ce-ft+id) needs finetune.trainRows (${rows}) + DASA's budget (${budget}) ID train rows, and ID train has ${trainSize}. Lower finetune.trainRows to at most ${Math.max(0, trainSize - budget)}.`,
      { setting: 'finetune.trainRows', trainRows: rows, budget, trainSize },
    );
  }
  return rows + budget;
}
