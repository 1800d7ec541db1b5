// The experiment's variants (METHOD.md, "Baselines and ablations"), each a switch on the full
// DaRL settings. Stages a variant shares with another get the same content key, so the run store
// computes them once: one pretrain per seed for all, one probe for darl / darl-no-dasa / darl-no-wi,
// one DASA selection for every variant that selects (a probe does not change the backbone),
// and darl-no-wi is darl's fine-tuned checkpoint, evaluated without interpolation.
// VARIANTS are the report's default set; CONTROL_VARIANTS (equal-label controls, selection
// baselines, the probe's single-use ablation) run when named.
import type { PipelineSettings } from '../pipeline/settings';
import { CROSS_ENTROPY } from '../training/step/losses';
import { PipelineInputError } from '../pipeline/errors';

export const VARIANTS = ['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi'] as const;
export const CONTROL_VARIANTS = ['ce-ft+dasa', 'ce-ft+random', 'ce-ft+id', 'darl-uncertainty', 'darl-coreset', 'darl-random-ood', 'darl-no-lp-init'] as const;
export const ALL_VARIANTS = [...VARIANTS, ...CONTROL_VARIANTS] as const;
export type Variant = (typeof ALL_VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  'ce-ft': 'plain cross-entropy, full fine-tuning of the pretrained model on ID train only (no probe, no DASA, no interpolation)',
  darl: 'the full pipeline: OCC probe, DASA selection labelled by the annotator, OCC fine-tuning on ID train + DASA samples, weight interpolation',
  'darl-no-occ': 'darl with plain cross-entropy in the probe and in fine-tuning',
  'darl-no-dasa': 'darl with as many pool samples as DASA selected, drawn uniformly at random from the same pool rows',
  'darl-no-lp':
    'darl without the probe: fine-tuning and interpolation start from the pretrained model and its untrained head, so the interpolation anchor loses the trained head too (darl-no-lp-init keeps it)',
  'darl-no-wi': "darl's fine-tuned model, evaluated without weight interpolation",
  'ce-ft+dasa': "ce-ft given darl's labelled DASA samples (the same selection and labels; the share darl holds out to choose alpha is not trained on, as in darl): plain cross-entropy, no probe, no interpolation",
  'ce-ft+random': 'ce-ft given as many labelled pool samples as DASA selected, drawn at random as in darl-no-dasa: plain cross-entropy, no probe, no interpolation',
  'ce-ft+id': "ce-ft given as many extra labelled ID train rows as DASA's budget (finetune.trainRows + budget rows; needs finetune.trainRows below the ID train size)",
  'darl-uncertainty': "darl with DASA's picks replaced by the same number of pool samples of highest predictive entropy under the probe, with DASA's near-duplicate rule",
  'darl-coreset': "darl with DASA's picks replaced by the same number chosen by greedy k-center on DASA's features, ID train rows counting as covered centres",
  'darl-random-ood':
    "darl with DASA's picks replaced by the same number drawn at random among the pool samples with a shift tag: an upper bound, since it reads the generator's tags, which no real pool has",
  'darl-no-lp-init':
    'darl with fine-tuning started from the pretrained model and its untrained head instead of the probe; the probe is still trained and interpolation still starts from it, so only the fine-tuning start changes',
};

export function isVariant(name: string): name is Variant {
  return (ALL_VARIANTS as readonly string[]).includes(name);
}

export function parseVariants(text: string): Variant[] {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isVariant(name));
  if (unknown.length > 0) throw new PipelineInputError(`Unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the variants are ${ALL_VARIANTS.join(', ')}.`, { unknown });
  if (names.length === 0) throw new PipelineInputError(`Name at least one variant (${ALL_VARIANTS.join(', ')}).`, {});
  return [...new Set(names)] as Variant[];
}

/** ce-ft: plain cross-entropy fine-tuning from the pretrained model, nothing else. */
function ceFt(darl: PipelineSettings): PipelineSettings {
  return { ...darl, probe: null, selection: 'none', finetune: { ...darl.finetune, loss: { ...CROSS_ENTROPY } }, interpolate: null };
}

/** The settings of a variant, from the full DaRL settings. */
export function variantSettings(variant: Variant, darl: PipelineSettings): PipelineSettings {
  switch (variant) {
    case 'darl':
      return darl;
    case 'ce-ft':
      return ceFt(darl);
    case 'darl-no-occ':
      return { ...darl, probe: darl.probe && { ...darl.probe, loss: { ...CROSS_ENTROPY } }, finetune: { ...darl.finetune, loss: { ...CROSS_ENTROPY } } };
    case 'darl-no-dasa':
      return { ...darl, selection: 'random' };
    case 'darl-no-lp':
      return { ...darl, probe: null };
    case 'darl-no-wi':
      return { ...darl, interpolate: null };
    case 'ce-ft+dasa':
      return { ...ceFt(darl), selection: 'dasa' };
    case 'ce-ft+random':
      return { ...ceFt(darl), selection: 'random' };
    case 'ce-ft+id':
      return { ...ceFt(darl), selection: 'extra-id' };
    case 'darl-uncertainty':
      return { ...darl, selection: 'uncertainty' };
    case 'darl-coreset':
      return { ...darl, selection: 'coreset' };
    case 'darl-random-ood':
      return { ...darl, selection: 'random-ood' };
    case 'darl-no-lp-init':
      return { ...darl, finetuneStart: 'pretrained' };
  }
}
