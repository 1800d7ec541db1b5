// Stage 6, Fine-tune: all weights with the OCC loss, on ID train plus the annotated DASA samples.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const finetuneStage: StageDefinition = {
  id: 'finetune',
  title: 'Fine-tune (FT)',
  tagline: 'Train every weight with OCC',
  what: 'Trains backbone and head together at a lower learning rate with the Over-Confidence Calibration (OCC) loss: ordinal soft targets, a confidence penalty and an adjacent-grade margin. In the pipeline it starts from the probe (LP-FT) and trains on ID train plus the DASA samples the annotator graded; training by hand below uses ID train only.',
  why: 'Plain cross-entropy fine-tuning is over-confident and separates neighbouring grades poorly; OCC targets both failures.',
  settings: stageSettingRows('finetune'),
  unavailable: null,
};
