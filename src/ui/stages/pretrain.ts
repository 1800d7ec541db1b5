// Stage 3, Pretrain: causal language modelling on the corpus text.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const pretrainStage: StageDefinition = {
  id: 'pretrain',
  title: 'Pretrain',
  tagline: 'Learn the domain language',
  what: 'Trains the transformer to predict the next token on the text of the corpus: queries, item texts and the unlabeled pool, plus the relevance prompts of the pairs (no grades). A checkpoint is stored every few steps, so a stopped run continues exactly where it stopped. The pipeline starts by default from the nano or small model shipped with the page, pretrained the same way on generated text that holds no evaluation example of the default datasets.',
  why: 'Gives the backbone a domain prior, as continual pre-training does in production relevance systems, so the later stages start from a model that already reads insurance queries. An imported checkpoint can replace it.',
  settings: stageSettingRows('pretrain'),
  unavailable: null,
};
