import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGISTIC_PROBE, defaultPipelineSettings } from '../pipeline/defaults';
import { CROSS_ENTROPY, DEFAULT_OCC } from '../training/step/losses';
import { seedStat } from './stats';
import { ALL_VARIANTS, CONTROL_VARIANTS, parseVariants, VARIANT_DESCRIPTIONS, variantSettings, VARIANTS } from './variants';

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

  it("the equal-label controls are ce-ft with darl's labels: only the selection differs from ce-ft", () => {
    const ceFt = variantSettings('ce-ft', darl);
    expect(variantSettings('ce-ft+dasa', darl)).toEqual({ ...ceFt, selection: 'dasa' });
    expect(variantSettings('ce-ft+random', darl)).toEqual({ ...ceFt, selection: 'random' });
    expect(variantSettings('ce-ft+id', darl)).toEqual({ ...ceFt, selection: 'extra-id' });
    // The selection and its labels are darl's: the same DASA, random-selection and annotate settings.
    for (const variant of ['ce-ft+dasa', 'ce-ft+random'] as const) {
      const settings = variantSettings(variant, darl);
      expect({ dasa: settings.dasa, randomSelect: settings.randomSelect, annotate: settings.annotate, pretrain: settings.pretrain }).toEqual({
        dasa: darl.dasa,
        randomSelect: darl.randomSelect,
        annotate: darl.annotate,
        pretrain: darl.pretrain,
      });
      expect({ ...settings.finetune, loss: darl.finetune.loss }).toEqual(darl.finetune);
    }
  });

  it("the selection baselines are darl with another selection, and darl-no-lp-init darl with fine-tuning started from the pretrained model", () => {
    expect(variantSettings('darl-uncertainty', darl)).toEqual({ ...darl, selection: 'uncertainty' });
    expect(variantSettings('darl-coreset', darl)).toEqual({ ...darl, selection: 'coreset' });
    expect(variantSettings('darl-random-ood', darl)).toEqual({ ...darl, selection: 'random-ood' });
    expect(variantSettings('darl-no-lp-init', darl)).toEqual({ ...darl, finetuneStart: 'pretrained' });
    expect(variantSettings('darl-no-lp-init', darl).probe).toEqual(darl.probe);
    expect(darl.finetuneStart).toBeUndefined();
  });

  it('darl-lr-probe is darl with the logistic-regression probe; the OCC ablations turn one term off in the probe and in fine-tuning', () => {
    expect(darl.probe!.logistic).toBeUndefined();
    const lr = variantSettings('darl-lr-probe', darl);
    expect(lr).toEqual({ ...darl, probe: { ...darl.probe, logistic: DEFAULT_LOGISTIC_PROBE } });
    const own = { ...DEFAULT_LOGISTIC_PROBE, valRows: 50 };
    expect(variantSettings('darl-lr-probe', { ...darl, probe: { ...darl.probe!, logistic: own } }).probe!.logistic).toEqual(own);
    for (const [variant, term] of [['darl-occ-no-ordinal', 'ordinalSmoothing'], ['darl-occ-no-confidence', 'confidencePenalty'], ['darl-occ-no-margin', 'marginWeight']] as const) {
      const settings = variantSettings(variant, darl);
      expect(DEFAULT_OCC[term]).toBeGreaterThan(0);
      expect(settings.probe!.loss).toEqual({ ...DEFAULT_OCC, [term]: 0 });
      expect(settings.finetune.loss).toEqual({ ...DEFAULT_OCC, [term]: 0 });
      expect({ ...settings, probe: darl.probe, finetune: darl.finetune }).toEqual(darl);
      expect(VARIANT_DESCRIPTIONS[variant]).toContain(term);
    }
  });

  it('the default set stays the six; the controls are named on request and described', () => {
    expect([...VARIANTS]).toEqual(['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi']);
    expect([...ALL_VARIANTS]).toEqual([...VARIANTS, ...CONTROL_VARIANTS]);
    expect(VARIANT_DESCRIPTIONS['darl-random-ood']).toMatch(/upper bound/);
    expect(parseVariants('darl,ce-ft+dasa,darl-coreset')).toEqual(['darl', 'ce-ft+dasa', 'darl-coreset']);
  });

  it('parses a list and names unknown variants', () => {
    expect(parseVariants('darl, ce-ft,darl')).toEqual(['darl', 'ce-ft']);
    expect(parseVariants(VARIANTS.join(','))).toEqual([...VARIANTS]);
    expect(() => parseVariants('darl,darl-no-xyz')).toThrow(/Unknown variant darl-no-xyz; the variants are ce-ft, darl, .*, ce-ft\+dasa/);
  });
});

describe('seedStat', () => {
  it('gives the mean and the sample standard deviation, leaving out missing values', () => {
    expect(seedStat([1, 2, 3, null])).toEqual({ mean: 2, std: 1, n: 3 });
    expect(seedStat([0.5])).toEqual({ mean: 0.5, std: null, n: 1 });
    expect(seedStat([null, undefined])).toEqual({ mean: null, std: null, n: 0 });
  });
});
