// How many pool samples a selector takes.
import { DasaInputError } from './errors';
import type { BudgetOptions } from './types';

export const DEFAULT_BUDGET_FRACTION = 0.05;

/** The budget asked for: `budget`, or round(budgetFraction * trainSize) and at least 1. Not capped by the pool. */
export function resolveBudget(options: BudgetOptions): number {
  if (options.budget !== undefined) {
    if (!Number.isInteger(options.budget) || options.budget < 0) {
      throw new DasaInputError(`DASA: budget ${options.budget} must be a whole number of samples, 0 or more.`, { budget: options.budget });
    }
    return options.budget;
  }
  const fraction = options.budgetFraction ?? DEFAULT_BUDGET_FRACTION;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new DasaInputError(`DASA: budgetFraction ${fraction} must be above 0 and at most 1.`, { budgetFraction: fraction });
  }
  const trainSize = options.trainSize;
  if (trainSize === undefined || !Number.isInteger(trainSize) || trainSize < 1) {
    throw new DasaInputError('DASA: give either a budget or the ID train size (trainSize) that budgetFraction applies to.', { trainSize });
  }
  return Math.max(1, Math.round(fraction * trainSize));
}
