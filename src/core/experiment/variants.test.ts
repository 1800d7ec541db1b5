import { describe, expect, it } from 'vitest';
import { defaultPipelineSettings } from '../pipeline/defaults';
import { CROSS_ENTROPY, DEFAULT_OCC } from '../training/step/losses';
import { seedStat } from './stats';
import { parseVariants, variantSettings, VARIANTS } from './variants';

describe('variants', () => {
  const darl = defaultPipelineSettings('nano', 1);

  it('each ablation switches off exactly its part of the full pipeline', () => {
    expect(variantSettings('darl', darl)).toBe(darl);
    expect(variantSettings('ce-ft', darl)).toMatchObject({ probe: null, selection: 'none', interpolate: null, finetune: { loss: CROSS_ENTROPY } });
    const noOcc = variantSettings('darl-no-occ', darl);
    expect(noOcc.probe!.loss).toEqual(CROSS_ENTROPY);
    expect(noOcc.finetune.loss).toEqual(CROSS_ENTROPY);
    expect({ ...noOcc, probe: darl.probe, finetune: darl.finetune }).toEqual(darl);
    expect(variantSettings('darl-no-dasa', darl)).toEqual({ ...darl, selection: 'random' });
    expect(variantSettings('darl-no-lp', darl)).toEqual({ ...darl, probe: null });
    expect(variantSettings('darl-no-wi', darl)).toEqual({ ...darl, interpolate: null });
    expect(darl.finetune.loss).toEqual(DEFAULT_OCC);
  });

  it('parses a list and names unknown variants', () => {
    expect(parseVariants('darl, ce-ft,darl')).toEqual(['darl', 'ce-ft']);
    expect(parseVariants(VARIANTS.join(','))).toEqual([...VARIANTS]);
    expect(() => parseVariants('darl,darl-no-xyz')).toThrow(/Unknown variant darl-no-xyz; the variants are ce-ft, darl/);
  });
});

describe('seedStat', () => {
  it('gives the mean and the sample standard deviation, leaving out missing values', () => {
    expect(seedStat([1, 2, 3, null])).toEqual({ mean: 2, std: 1, n: 3 });
    expect(seedStat([0.5])).toEqual({ mean: 0.5, std: null, n: 1 });
    expect(seedStat([null, undefined])).toEqual({ mean: null, std: null, n: 0 });
  });
});
