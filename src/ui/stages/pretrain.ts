// Stage 3, Pretrain: causal language modelling on the corpus text.
import { NOT_IN_THIS_BUILD, type StageDefinition } from './stage';

export const pretrainStage: StageDefinition = {
  id: 'pretrain',
  title: 'Pretrain',
  tagline: 'Learn the domain language',
  what: 'Trains the transformer to predict the next token on the text of the corpus: queries, item texts and the unlabeled pool. No grades are used.',
  why: 'Gives the backbone a domain prior, as continual pre-training does in production relevance systems, so the later stages start from a model that already reads insurance queries. An imported checkpoint can replace it.',
  settings: [
    { key: 'pretrain.enabled', label: 'Run pretraining', kind: 'bool', default: true },
    { key: 'pretrain.steps', label: 'Steps', kind: 'int', default: 2000, min: 1, max: 100_000, shownWhen: 'pretrain.enabled' },
    { key: 'pretrain.batch', label: 'Batch size', kind: 'int', default: 32, min: 1, max: 512, shownWhen: 'pretrain.enabled' },
    { key: 'pretrain.lr', label: 'Learning rate', kind: 'number', default: 0.0006, min: 0.000001, max: 0.1, step: 0.0001, shownWhen: 'pretrain.enabled' },
  ],
  unavailable: NOT_IN_THIS_BUILD,
};
