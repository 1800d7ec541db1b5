// Stage 3, Pretrain: causal language modelling on the corpus text.
import { html } from 'lit';
import '../pipeline/pipeline-card';
import '../training/training-screen';
import './shipped-model-note';
import { PRESET_NOTE, STAGE_DEFAULTS } from './pipeline-defaults';
import type { StageDefinition } from './stage';

const d = STAGE_DEFAULTS.pretrain;

export const pretrainStage: StageDefinition = {
  id: 'pretrain',
  title: 'Pretrain',
  tagline: 'Learn the domain language',
  what: 'Trains the transformer to predict the next token on the text of the corpus: queries, item texts and the unlabeled pool, plus the relevance prompts of the pairs (no grades). A checkpoint is stored every few steps, so a stopped run continues exactly where it stopped. The pipeline starts by default from the nano or small model shipped with the page, pretrained the same way on generated text that holds no evaluation example of the default datasets.',
  why: 'Gives the backbone a domain prior, as continual pre-training does in production relevance systems, so the later stages start from a model that already reads insurance queries. An imported checkpoint can replace it.',
  settings: [
    {
      key: 'pretrain.source', label: 'Pipeline model', kind: 'choice', default: 'shipped',
      options: [{ value: 'shipped', label: 'Use the shipped model' }, { value: 'here', label: 'Pretrain here' }],
      help: 'For the pipeline. Shipped: the nano and small models come pretrained with the page (made by `npm run darl -- pretrain-shipped`, see the note above), so this stage finishes at once; their tokenizer is used as it is, also on your own data. Pretrain here: trains on this dataset\'s text with the settings below.',
    },
    { key: 'pretrain.enabled', label: 'Run pretraining', kind: 'bool', default: true },
    { key: 'pretrain.steps', label: 'Steps', kind: 'int', default: d.steps, min: 1, max: 100_000, shownWhen: 'pretrain.enabled', help: PRESET_NOTE },
    { key: 'pretrain.batch', label: 'Batch size', kind: 'int', default: d.batchSize, min: 1, max: 512, shownWhen: 'pretrain.enabled' },
    { key: 'pretrain.lr', label: 'Learning rate', kind: 'number', default: d.learningRate, min: 0.000001, max: 0.1, step: 0.0001, shownWhen: 'pretrain.enabled' },
    {
      key: 'pretrain.matchSignals', label: 'Match signals', kind: 'bool', default: d.matchSignals, shownWhen: 'pretrain.enabled',
      help: 'Tells the model which words of the query occur in the item and the other way round (exact, same stem, close spelling, WordNet synonym), and lets the classifier read the overlap. Off: the plain transformer, which learns little from a few thousand pairs.',
    },
    {
      key: 'pretrain.pairsWeight', label: 'Real-vs-shuffled pairs weight', kind: 'number', default: d.pairsWeight, min: 0, max: 1000, step: 1, shownWhen: 'pretrain.enabled',
      help: 'Beside predicting the next token, pretraining learns to tell a real query-item pair from the query with another item (no grades used). One decision counts as this many tokens; 0 turns it off.',
    },
    { key: 'pretrain.checkpointEvery', label: 'Checkpoint every (steps)', kind: 'int', default: d.checkpointEvery, min: 1, max: 100_000, shownWhen: 'pretrain.enabled', help: 'Stored in this browser; a reload or a cancel loses at most this many steps.' },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${pretrainStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'pretrain'}></lab-pipeline-card>
    <lab-shipped-model-note slot="pipeline" .state=${state}></lab-shipped-model-note>
  </lab-training-screen>`,
};
