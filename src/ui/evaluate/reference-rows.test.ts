import { describe, expect, it } from 'vitest';
import type { ReferenceRun } from '../../core/experiment/reference-run';
import { ownBesideReference, referenceRows, referenceTitle } from './reference-rows';
import { summariseVariants, DEFAULT_COLUMNS } from './variant-summary';

const reference: ReferenceRun = {
  format: 'relevance-lab/reference-run',
  version: 1,
  preset: 'small',
  budget: 'full',
  seeds: [1, 2, 3],
  examples: { train: 6000 },
  made: { command: ['npm run darl -- run'], machine: '2 cores', date: '2026-11-29T07:19:01.127Z', backend: 'wasm', wallSeconds: 16123 },
  variants: [
    {
      variant: 'ce-ft',
      description: 'plain',
      seeds: [1, 2, 3].map((seed) => ({ seed, id: { macro_f1: 0.6 + seed / 100, auc: null }, ood: { macro_f1: 0.3 + seed / 100 } })),
    },
    { variant: 'darl', description: 'full', seeds: [{ seed: 1, id: { macro_f1: 0.7 }, ood: { macro_f1: 0.5 } }] },
  ],
  baselines: [
    { name: 'overlap', description: 'trees', id: { macro_f1: 0.66 }, ood: { macro_f1: 0.44 } },
    { name: 'bag-of-words', description: 'words', id: { macro_f1: 0.69 }, ood: { macro_f1: 0.37 } },
  ],
};

describe('the reference run on the Evaluate screen', () => {
  it('is titled by its budget and seed count', () => {
    expect(referenceTitle(reference)).toBe('Reference: full budget, 3 seeds');
    expect(referenceTitle({ ...reference, budget: 'demo', seeds: [4] })).toBe('Reference: demo budget, 1 seed');
  });

  it('gives the variants table one row per variant with its seeds, then the baselines as seedless rows', () => {
    const rows = referenceRows(reference);
    expect(rows.map((row) => [row.variant, row.seeds.length, row.baseline === true])).toEqual([
      ['ce-ft', 3, false],
      ['darl', 1, false],
      ['overlap baseline', 1, true],
      ['bag-of-words baseline', 1, true],
    ]);
    // An undefined metric is missing, not zero.
    expect(rows[0].seeds[0].id).toEqual({ macro_f1: 0.61 });
    const [ceFt] = summariseVariants(rows, DEFAULT_COLUMNS);
    expect(ceFt.cells[0].summary?.mean).toBeCloseTo(0.62, 12);
    expect(ceFt.cells[0].summary?.std).toBeCloseTo(0.01, 12);
  });

  it("sets the page's run beside the reference's same variant", () => {
    expect(ownBesideReference(reference, null)).toBeNull();
    expect(ownBesideReference(reference, { variant: 'ce-ft', idMacroF1: 0.6951, oodMacroF1: 0.5 })).toBe(
      "This page's run (ce-ft): ID 0.695, OOD 0.500 macro-F1; the reference's ce-ft: ID 0.620 ± 0.010, OOD 0.320 ± 0.010.",
    );
    expect(ownBesideReference(reference, { variant: 'darl', idMacroF1: 0.7, oodMacroF1: 0.5 })).toContain("the reference's darl: ID 0.700, OOD 0.500.");
    expect(ownBesideReference(reference, { variant: 'custom', idMacroF1: 0.7, oodMacroF1: 0.5 })).toBe(
      "This page's run (custom): ID 0.700, OOD 0.500 macro-F1; the reference has no custom run to set beside it.",
    );
  });
});
