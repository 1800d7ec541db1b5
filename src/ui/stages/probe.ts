// Stage 4, Probe: linear probing, backbone frozen.
import { html } from 'lit';
import '../pipeline/pipeline-card';
import '../training/training-screen';
import { PRESET_NOTE, STAGE_DEFAULTS } from './pipeline-defaults';
import type { StageDefinition } from './stage';

const d = STAGE_DEFAULTS.probe;

export const probeStage: StageDefinition = {
  id: 'probe',
  title: 'Probe (LP)',
  tagline: 'Train the head, backbone frozen',
  what: 'Freezes the backbone and trains only the classifier head on the ID train split. It starts from the latest pretrained checkpoint unless another one is chosen.',
  why: 'Linear probing first (LP-FT) keeps the pretrained features intact, which helps under distribution shift; its weights are also one end of the final interpolation. Its features feed the OOD detectors of DASA.',
  settings: [
    { key: 'probe.epochs', label: 'Epochs', kind: 'int', default: d.epochs, min: 1, max: 100, help: PRESET_NOTE },
    { key: 'probe.batch', label: 'Batch size', kind: 'int', default: d.batchSize, min: 1, max: 512 },
    { key: 'probe.lr', label: 'Learning rate', kind: 'number', default: d.learningRate, min: 0.000001, max: 0.1, step: 0.0001 },
    { key: 'probe.loss', label: 'Loss', kind: 'choice', default: 'occ', options: [{ value: 'occ', label: 'OCC (calibrated, ordinal)' }, { value: 'ce', label: 'Cross-entropy' }] },
  ],
  unavailable: null,
  render: ({ lab, state }) => html`<lab-training-screen .lab=${lab} .state=${state} .stage=${probeStage}>
    <lab-pipeline-card slot="pipeline" .lab=${lab} .state=${state} .stage=${'probe'}></lab-pipeline-card>
  </lab-training-screen>`,
};
