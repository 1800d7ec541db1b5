// Stage 9, Playground: score a query-item pair by hand.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const playgroundStage: StageDefinition = {
  id: 'playground',
  title: 'Playground',
  tagline: 'Score your own query and item',
  what: 'Type a query and an item and see what a stored checkpoint makes of them: the probability of each grade, the expected grade a ranking sorts by, and how out-of-distribution the pair looks to the Mahalanobis and kNN detectors, as a percentile among the ID validation pairs (a higher score means more OOD).',
  why: 'Trying one\'s own wording is the quickest way to see what the model learned and where the shift bites: a colloquial query, an unseen brand or a long conversational question moves the OOD score, and often the grades with it.',
  settings: stageSettingRows('playground'),
  unavailable: null,
};
