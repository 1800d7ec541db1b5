// The experiment's variants (METHOD.md, "Baselines and ablations"), each a switch on the full
// DaRL settings. Stages a variant shares with another get the same content key, so the run store
// computes them once: one pretrain per seed for all, one probe for darl / darl-no-dasa / darl-no-wi,
// one DASA selection for every variant that selects (a probe does not change the backbone),
// and darl-no-wi is darl's fine-tuned checkpoint, evaluated without interpolation.
// VARIANTS are the report's default set; CONTROL_VARIANTS (equal-label controls, selection
// baselines, the probe's single-use ablation, the logistic-regression probe, the OCC per-term
// ablations) run when named.
import type { PipelineSettings } from '../pipeline/settings';
import { DEFAULT_LOGISTIC_PROBE } from '../pipeline/defaults';
import { CROSS_ENTROPY, type OccConfig } from '../training/step/losses';
import { PipelineInputError } from '../pipeline/errors';

export const VARIANTS = ['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi'] as const;
export const CONTROL_VARIANTS = [
  'ce-ft+dasa', 'ce-ft+random', 'ce-ft+id', 'darl-uncertainty', 'darl-coreset', 'darl-random-ood', 'darl-no-lp-init',
  'darl-lr-probe', 'darl-occ-no-ordinal', 'darl-occ-no-confidence', 'darl-occ-no-margin',
] as const;
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
  'darl-lr-probe':
    "darl with the probe fitted as multinomial logistic regression on the frozen features, to convergence, its L2 strength chosen by NLL on ID val (probe.logistic); DASA reads the same backbone, and fine-tuning and interpolation start from this probe",
  'darl-occ-no-ordinal': 'darl with the OCC ordinal smoothing off (ordinalSmoothing 0) in the probe and in fine-tuning, the other OCC terms kept',
  'darl-occ-no-confidence': 'darl with the OCC confidence penalty off (confidencePenalty 0) in the probe and in fine-tuning, the other OCC terms kept',
  'darl-occ-no-margin': 'darl with the OCC adjacent-grade margin off (marginWeight 0) in the probe and in fine-tuning, the other OCC terms kept',
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

/** darl with one OCC term changed in the probe's and fine-tuning's loss. */
function occWithout(darl: PipelineSettings, term: Partial<OccConfig>): PipelineSettings {
  return { ...darl, probe: darl.probe && { ...darl.probe, loss: { ...darl.probe.loss, ...term } }, finetune: { ...darl.finetune, loss: { ...darl.finetune.loss, ...term } } };
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
    case 'darl-lr-probe':
      return { ...darl, probe: darl.probe && { ...darl.probe, logistic: darl.probe.logistic ?? { ...DEFAULT_LOGISTIC_PROBE, l2Grid: [...DEFAULT_LOGISTIC_PROBE.l2Grid] } } };
    case 'darl-occ-no-ordinal':
      return occWithout(darl, { ordinalSmoothing: 0 });
    case 'darl-occ-no-confidence':
      return occWithout(darl, { confidencePenalty: 0 });
    case 'darl-occ-no-margin':
      return occWithout(darl, { marginWeight: 0 });
  }
}
