// Stage 9, Playground: score a query-item pair by hand.
import { NOT_IN_THIS_BUILD, type StageDefinition } from './stage';

export const playgroundStage: StageDefinition = {
  id: 'playground',
  title: 'Playground',
  tagline: 'Score your own query and item',
  what: 'Type a query and an item; see the grade probabilities of each variant and the item\'s OOD score.',
  why: 'Trying one\'s own wording is the quickest way to see what the model learned and where the shift bites.',
  settings: [
    { key: 'playground.variant', label: 'Variant', kind: 'choice', default: 'darl', options: [{ value: 'darl', label: 'DaRL (interpolated)' }, { value: 'ce-ft', label: 'Plain fine-tuning (ce-ft)' }] },
  ],
  unavailable: NOT_IN_THIS_BUILD,
};
