// Stage 7, Interpolate: weight interpolation between the probed and the fine-tuned model.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const interpolateStage: StageDefinition = {
  id: 'interpolate',
  title: 'Interpolate (WI)',
  tagline: 'Blend probed and fine-tuned weights',
  what: 'Forms theta = (1 - alpha) * theta_LP + alpha * theta_FT for a sweep of alpha, scores each on validation (ID val plus held-out DASA samples) and keeps the best.',
  why: 'Interpolating the two ends keeps the robustness of the probed model and the accuracy of the fine-tuned one, narrowing the gap between ID and OOD.',
  settings: stageSettingRows('interpolate'),
  unavailable: null,
};
