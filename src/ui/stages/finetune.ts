// Stage 6, Fine-tune: all weights with the OCC loss, on ID train plus the annotated DASA samples.
import { html } from 'lit';
import '../pipeline/pipeline-card';
import '../training/training-screen';
import { PRESET_NOTE, STAGE_DEFAULTS } from './pipeline-defaults';
import type { StageDefinition } from './stage';

const d = STAGE_DEFAULTS.finetune;

export const finetuneStage: StageDefinition = {
  id: 'finetune',
  title: 'Fine-tune (FT)',
  tagline: 'Train every weight with OCC',
  what: 'Trains backbone and head together at a lower learning rate with the Over-Confidence Calibration (OCC) loss: ordinal soft targets, a confidence penalty and an adjacent-grade margin. In the pipeline it starts from the probe (LP-FT) and trains on ID train plus the DASA samples the annotator graded; training by hand below uses ID train only.',
  why: 'Plain cross-entropy fine-tuning is over-confident and separates neighbouring grades poorly; OCC targets both failures.',
  settings: [
    { key: 'finetune.epochs', label: 'Epochs', kind: 'int', default: d.epochs, min: 1, max: 100, help: PRESET_NOTE },
    { key: 'finetune.batch', label: 'Batch size', kind: 'int', default: d.batchSize, min: 1, max: 512 },
    { key: 'finetune.lr', label: 'Learning rate', kind: 'number', default: d.learningRate, min: 0.000001, max: 0.1, step: 0.00001 },
    { key: 'finetune.ordinal', label: 'Ordinal smoothing s', kind: 'number', default: d.loss.ordinalSmoothing, min: 0, max: 0.5, step: 0.01, group: 'OCC loss' },
    { key: 'finetune.penalty', label: 'Confidence penalty beta', kind: 'number', default: d.loss.confidencePenalty, min: 0, max: 1, step: 0.01, group: 'OCC loss' },
    { key: 'finetune.margin', label: 'Margin weight lambda', kind: 'number', default: d.loss.marginWeight, min: 0, max: 2, step: 0.05, group: 'OCC loss' },
    { key: 'finetune.smoothing', label: 'Label smoothing eps', kind: 'number', default: d.loss.labelSmoothing, min: 0, max: 0.5, step: 0.01, group: 'OCC loss' },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${finetuneStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'finetune'}></lab-pipeline-card>
  </lab-training-screen>`,
};
