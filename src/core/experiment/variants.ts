// The experiment's variants (METHOD.md, "Baselines and ablations"), each a switch on the full
// DaRL settings. Stages a variant shares with another get the same content key, so the run store
// computes them once: one pretrain per seed for all, one probe for darl / darl-no-dasa / darl-no-wi,
// one DASA selection for every variant that selects (a probe does not change the backbone),
// and darl-no-wi is darl's fine-tuned checkpoint, evaluated without interpolation.
import type { PipelineSettings } from '../pipeline/settings';
import { CROSS_ENTROPY } from '../training/step/losses';
import { PipelineInputError } from '../pipeline/errors';

export const VARIANTS = ['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi'] as const;
export type Variant = (typeof VARIANTS)[number];

export const VARIANT_DESCRIPTIONS: Record<Variant, string> = {
  'ce-ft': 'plain cross-entropy, full fine-tuning of the pretrained model on ID train only (no probe, no DASA, no interpolation)',
  darl: 'the full pipeline: OCC probe, DASA selection labelled by the annotator, OCC fine-tuning on ID train + DASA samples, weight interpolation',
  'darl-no-occ': 'darl with plain cross-entropy in the probe and in fine-tuning',
  'darl-no-dasa': 'darl with as many pool samples as DASA selected, drawn uniformly at random from the same pool rows',
  'darl-no-lp': 'darl without the probe: fine-tuning and interpolation start from the pretrained model and its untrained head',
  'darl-no-wi': "darl's fine-tuned model, evaluated without weight interpolation",
};

export function isVariant(name: string): name is Variant {
  return (VARIANTS as readonly string[]).includes(name);
}

export function parseVariants(text: string): Variant[] {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isVariant(name));
  if (unknown.length > 0) throw new PipelineInputError(`Unknown variant${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the variants are ${VARIANTS.join(', ')}.`, { unknown });
  if (names.length === 0) throw new PipelineInputError(`Name at least one variant (${VARIANTS.join(', ')}).`, {});
  return [...new Set(names)] as Variant[];
}

/** The settings of a variant, from the full DaRL settings. */
export function variantSettings(variant: Variant, darl: PipelineSettings): PipelineSettings {
  switch (variant) {
    case 'darl':
      return darl;
    case 'ce-ft':
      return { ...darl, probe: null, selection: 'none', finetune: { ...darl.finetune, loss: { ...CROSS_ENTROPY } }, interpolate: null };
    case 'darl-no-occ':
      return { ...darl, probe: darl.probe && { ...darl.probe, loss: { ...CROSS_ENTROPY } }, finetune: { ...darl.finetune, loss: { ...CROSS_ENTROPY } } };
    case 'darl-no-dasa':
      return { ...darl, selection: 'random' };
    case 'darl-no-lp':
      return { ...darl, probe: null };
    case 'darl-no-wi':
      return { ...darl, interpolate: null };
  }
}
