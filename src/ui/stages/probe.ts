// Stage 4, Probe: linear probing, backbone frozen.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const probeStage: StageDefinition = {
  id: 'probe',
  title: 'Probe (LP)',
  tagline: 'Train the head, backbone frozen',
  what: 'Freezes the backbone and trains only the classifier head on the ID train split. It starts from the latest pretrained checkpoint unless another one is chosen.',
  why: 'Linear probing first (LP-FT) keeps the pretrained features intact, which helps under distribution shift; its weights are also one end of the final interpolation. Its features feed the OOD detectors of DASA.',
  settings: stageSettingRows('probe'),
  unavailable: null,
};
