// Stage 6, Fine-tune: all weights with the OCC loss.
import { html } from 'lit';
import '../training/training-screen';
import type { StageDefinition } from './stage';

export const finetuneStage: StageDefinition = {
  id: 'finetune',
  title: 'Fine-tune (FT)',
  tagline: 'Train every weight with OCC',
  what: 'Trains backbone and head together at a lower learning rate with the Over-Confidence Calibration (OCC) loss: ordinal soft targets, a confidence penalty and an adjacent-grade margin. It starts from the latest probed checkpoint (LP-FT). In this build it trains on the ID train split; the DASA samples join once the DASA stage can run.',
  why: 'Plain cross-entropy fine-tuning is over-confident and separates neighbouring grades poorly; OCC targets both failures.',
  settings: [
    { key: 'finetune.epochs', label: 'Epochs', kind: 'int', default: 2, min: 1, max: 100 },
    { key: 'finetune.batch', label: 'Batch size', kind: 'int', default: 32, min: 1, max: 512 },
    { key: 'finetune.lr', label: 'Learning rate', kind: 'number', default: 0.0001, min: 0.000001, max: 0.1, step: 0.00001 },
    { key: 'finetune.ordinal', label: 'Ordinal smoothing s', kind: 'number', default: 0.1, min: 0, max: 0.5, step: 0.01, group: 'OCC loss' },
    { key: 'finetune.penalty', label: 'Confidence penalty beta', kind: 'number', default: 0.1, min: 0, max: 1, step: 0.01, group: 'OCC loss' },
    { key: 'finetune.margin', label: 'Margin weight lambda', kind: 'number', default: 0.2, min: 0, max: 2, step: 0.05, group: 'OCC loss' },
    { key: 'finetune.smoothing', label: 'Label smoothing eps', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.01, group: 'OCC loss' },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${finetuneStage}></lab-training-screen>`,
};
