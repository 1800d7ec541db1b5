// Stage 7, Interpolate: weight interpolation between the probed and the fine-tuned model.
import { html } from 'lit';
import '../evaluate/interpolate-screen';
import { STAGE_DEFAULTS } from './pipeline-defaults';
import type { StageDefinition } from './stage';

export const interpolateStage: StageDefinition = {
  id: 'interpolate',
  title: 'Interpolate (WI)',
  tagline: 'Blend probed and fine-tuned weights',
  what: 'Forms theta = (1 - alpha) * theta_LP + alpha * theta_FT for a sweep of alpha, scores each on validation (ID val plus held-out DASA samples) and keeps the best.',
  why: 'Interpolating the two ends keeps the robustness of the probed model and the accuracy of the fine-tuned one, narrowing the gap between ID and OOD.',
  settings: [
    { key: 'interpolate.points', label: 'Sweep points', kind: 'int', default: STAGE_DEFAULTS.interpolate.points, min: 2, max: 101, help: 'Alphas from 0 to 1 in even steps.' },
    { key: 'interpolate.choice', label: 'Alpha', kind: 'choice', default: 'auto', options: [{ value: 'auto', label: 'Best on validation' }, { value: 'manual', label: 'Fixed' }] },
    { key: 'interpolate.alpha', label: 'Fixed alpha', kind: 'number', default: 0.5, min: 0, max: 1, step: 0.05, help: 'Used when Alpha is Fixed: the sweep is this one alpha.' },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-interpolate-screen .lab=${lab} .state=${state} .stage=${interpolateStage}></lab-interpolate-screen>`,
};
