import { describe, expect, it } from 'vitest';
import { summarise, summariseVariants, type VariantColumn, type VariantResult } from './variant-summary';

describe('summarise', () => {
  it('gives the mean and the sample standard deviation of the defined values', () => {
    // Values 1, 2, 3, 6: mean 3, squared deviations 4 + 1 + 0 + 9 = 14, std = sqrt(14 / 3).
    const summary = summarise([1, 2, null, 3, 6, Number.NaN])!;
    expect(summary.mean).toBe(3);
    expect(summary.std).toBeCloseTo(Math.sqrt(14 / 3), 12);
    expect(summary.n).toBe(4);
    expect(summarise([0.5])).toEqual({ mean: 0.5, std: null, n: 1 });
    expect(summarise([null, undefined])).toBeNull();
  });
});

describe('summariseVariants', () => {
  const columns: VariantColumn[] = [
    { split: 'ood', metric: 'macro_f1', label: 'OOD macro-F1', better: 'higher' },
    { split: 'gap', metric: 'macro_f1', label: 'gap', better: 'lower' },
    { split: 'id', metric: 'ece', label: 'ID ECE', better: 'lower' },
    { split: 'id', metric: 'auc', label: 'ID AUC', better: 'higher' },
  ];
  const variants: VariantResult[] = [
    { variant: 'ce-ft', seeds: [{ seed: 1, id: { macro_f1: 0.8, ece: 0.1, auc: null }, ood: { macro_f1: 0.4 } }, { seed: 2, id: { macro_f1: 0.82, ece: 0.12, auc: null }, ood: { macro_f1: 0.5 } }] },
    { variant: 'darl', seeds: [{ seed: 1, id: { macro_f1: 0.79, ece: 0.05, auc: null }, ood: { macro_f1: 0.6 } }, { seed: 2, id: { macro_f1: 0.81, ece: 0.05, auc: null }, ood: { macro_f1: 0.62 } }] },
    { variant: 'darl-no-occ', seeds: [{ seed: 1, id: { macro_f1: 0.8, ece: 0.05, auc: null }, ood: { macro_f1: 0.55 } }] },
  ];

  it('averages each column over seeds, gaps per seed, and marks the best (ties too)', () => {
    const rows = summariseVariants(variants, columns);
    expect(rows.map((row) => row.variant)).toEqual(['ce-ft', 'darl', 'darl-no-occ']);
    // OOD macro-F1: ce-ft 0.45, darl 0.61, darl-no-occ 0.55 -> darl best.
    expect(rows[0].cells[0].summary!.mean).toBeCloseTo(0.45, 12);
    expect(rows[1].cells[0].summary!.mean).toBeCloseTo(0.61, 12);
    expect(rows.map((row) => row.cells[0].best)).toEqual([false, true, false]);
    // Gap per seed: ce-ft 0.4 and 0.32 (mean 0.36), darl 0.19 and 0.19, darl-no-occ 0.25 -> darl lowest.
    expect(rows[0].cells[1].summary!.mean).toBeCloseTo(0.36, 12);
    expect(rows[1].cells[1].summary!.std).toBeCloseTo(0, 12);
    expect(rows.map((row) => row.cells[1].best)).toEqual([false, true, false]);
    // ID ECE: darl and darl-no-occ tie at 0.05 -> both marked; a single seed has no spread.
    expect(rows.map((row) => row.cells[2].best)).toEqual([false, true, true]);
    expect(rows[2].cells[2].summary!.std).toBeNull();
    // AUC undefined everywhere: no value and nothing marked.
    expect(rows.map((row) => row.cells[3])).toEqual([{ summary: null, best: false }, { summary: null, best: false }, { summary: null, best: false }]);
    expect(rows[2].seeds).toBe(1);
  });

  it('marks nothing when only one variant has a value', () => {
    const rows = summariseVariants([variants[0]], columns);
    expect(rows[0].cells.every((cell) => !cell.best)).toBe(true);
  });
});
