// Stage 8, Evaluate: every variant on ID test and OOD test.
import { NOT_IN_THIS_BUILD, type StageDefinition } from './stage';

export const evaluateStage: StageDefinition = {
  id: 'evaluate',
  title: 'Evaluate',
  tagline: 'ID against OOD, side by side',
  what: 'Scores every variant on the ID test and the OOD test: accuracy, macro-F1, per-class F1, quadratic-weighted kappa, ECE with a reliability diagram, nDCG@5 and @10, and OOD detection (AUROC, FPR@95TPR; a higher score means more OOD).',
  why: 'The claim of the method is a higher OOD score and a smaller ID-OOD gap without losing ID accuracy; only a side-by-side table shows it.',
  settings: [
    { key: 'evaluate.bins', label: 'ECE bins', kind: 'int', default: 15, min: 5, max: 50 },
  ],
  unavailable: NOT_IN_THIS_BUILD,
};
