import { describe, expect, it } from 'vitest';
import { ALL_VARIANTS, variantSettings } from '../core/experiment/variants';
import { defaultPipelineSettings } from '../core/pipeline/defaults';
import { variantOf } from './pipeline-summary';

describe('variantOf', () => {
  const darl = defaultPipelineSettings('small', 1, 'demo');

  it("names every experiment variant from its settings (the page's label of a stored run)", () => {
    for (const variant of ALL_VARIANTS) expect([variant, variantOf(variantSettings(variant, darl))]).toEqual([variant, variant]);
  });

  it('counts an OCC composition no ablation matches as darl, and several switches at once as custom', () => {
    const twoTermsOff = { ...darl.finetune.loss, ordinalSmoothing: 0, marginWeight: 0 };
    expect(variantOf({ ...darl, probe: { ...darl.probe!, loss: twoTermsOff }, finetune: { ...darl.finetune, loss: twoTermsOff } })).toBe('darl');
    expect(variantOf({ ...darl, probe: null, interpolate: null })).toBe('custom');
  });
});
