// Stage 5, DASA: distribution-aware sample augmentation.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const dasaStage: StageDefinition = {
  id: 'dasa',
  title: 'DASA',
  tagline: 'Find and label what training misses',
  what: 'Scores every pool sample for how far it lies from the ID training data (Mahalanobis distance and k-nearest-neighbour distance on the model\'s features; a higher score means more OOD), keeps a budget of spread-out samples above the threshold, and gets their grades from an annotator: the hidden gold grades (oracle) or a person.',
  why: 'Fine-tuning degrades under distribution shift. Adding the samples the training set covers worst is the cheapest way to cover the shift.',
  settings: stageSettingRows('dasa'),
  unavailable: null,
};
