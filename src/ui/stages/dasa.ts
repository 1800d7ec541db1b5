// Stage 5, DASA: distribution-aware sample augmentation.
import { html } from 'lit';
import '../dasa/dasa-screen';
import { STAGE_DEFAULTS } from './pipeline-defaults';
import type { StageDefinition } from './stage';

const d = STAGE_DEFAULTS.dasa;

export const dasaStage: StageDefinition = {
  id: 'dasa',
  title: 'DASA',
  tagline: 'Find and label what training misses',
  what: 'Scores every pool sample for how far it lies from the ID training data (Mahalanobis distance and k-nearest-neighbour distance on the model\'s features; a higher score means more OOD), keeps a budget of spread-out samples above the threshold, and gets their grades from an annotator: the hidden gold grades (oracle) or a person.',
  why: 'Fine-tuning degrades under distribution shift. Adding the samples the training set covers worst is the cheapest way to cover the shift.',
  settings: [
    { key: 'dasa.detector', label: 'Detectors', kind: 'choice', default: 'both', options: [
      { value: 'both', label: 'Mahalanobis + kNN' },
      { value: 'mahalanobis', label: 'Mahalanobis only' },
      { value: 'knn', label: 'kNN only' },
    ] },
    { key: 'dasa.k', label: 'k (nearest neighbour)', kind: 'int', default: d.k, min: 1, max: 1000 },
    { key: 'dasa.keep', label: 'ID kept at threshold', kind: 'number', default: d.quantile, min: 0.5, max: 0.999, step: 0.005, help: 'The threshold is this quantile of the ID validation scores.' },
    { key: 'dasa.budget', label: 'Budget (samples)', kind: 'int', default: 0, min: 0, max: 10_000, help: `0: ${Math.round(d.budgetFraction * 100)}% of the ID train size.` },
    { key: 'dasa.maxCosine', label: 'Near-duplicate cosine', kind: 'number', default: d.maxCosine, min: 0.5, max: 1, step: 0.01, help: 'A candidate this similar to an already selected sample is skipped.' },
    { key: 'dasa.annotator', label: 'Annotator', kind: 'choice', default: 'oracle', options: [{ value: 'oracle', label: 'Oracle (gold grades)' }, { value: 'person', label: 'A person, in the lab' }] },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-dasa-screen .lab=${lab} .state=${state} .stage=${dasaStage}></lab-dasa-screen>`,
};
