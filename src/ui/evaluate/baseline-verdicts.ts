// Plain sentences under the variants table when a variant does not clear the overlap baseline on
// ID or OOD macro-F1 ("The overlap baseline beats ce-ft on OOD macro-F1 (0.445 vs 0.355)."), by the
// variants' mean over their seeds. Pure.
import { formatMetric } from '../format-metric';
import { summarise, type VariantResult } from './variant-summary';

export interface BaselineVerdict {
  variant: string;
  /** One sentence naming each split where the baseline is at least as good as the variant. */
  text: string;
}

const SPLITS = [
  { key: 'id', name: 'ID' },
  { key: 'ood', name: 'OOD' },
] as const;

const macroF1 = (row: VariantResult, split: 'id' | 'ood') => summarise(row.seeds.map((seed) => seed[split].macro_f1))?.mean ?? null;

/** A sentence per variant the baseline row (`baseline: true`) beats or ties on ID or OOD macro-F1; none without a baseline row. */
export function baselineVerdicts(rows: readonly VariantResult[], baselineName = 'overlap baseline'): BaselineVerdict[] {
  const baseline = rows.find((row) => row.baseline);
  if (!baseline) return [];
  const verdicts: BaselineVerdict[] = [];
  for (const row of rows) {
    if (row.baseline) continue;
    const parts: string[] = [];
    for (const { key, name } of SPLITS) {
      const bar = macroF1(baseline, key);
      const value = macroF1(row, key);
      if (bar === null || value === null || value > bar) continue;
      const verb = value === bar ? 'ties with' : 'beats';
      parts.push(`${verb} ${parts.length === 0 ? row.variant : 'it'} on ${name} macro-F1 (${formatMetric(bar)} vs ${formatMetric(value)})`);
    }
    if (parts.length > 0) verdicts.push({ variant: row.variant, text: `The ${baselineName} ${parts.join(' and ')}.` });
  }
  return verdicts;
}
