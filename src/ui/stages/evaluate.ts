// Stage 8, Evaluate: the run on ID test and OOD test.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const evaluateStage: StageDefinition = {
  id: 'evaluate',
  title: 'Evaluate',
  tagline: 'ID against OOD, side by side',
  what: 'Scores the run\'s final model on the ID test and the OOD test: accuracy, macro-F1, per-class F1, quadratic-weighted kappa, ECE with a reliability diagram, nDCG@5 and @10, and OOD detection (AUROC, FPR@95TPR; a higher score means more OOD).',
  why: 'The claim of the method is a higher OOD score and a smaller ID-OOD gap without losing ID accuracy; only a side-by-side table shows it.',
  settings: stageSettingRows('evaluate'),
  unavailable: null,
};
