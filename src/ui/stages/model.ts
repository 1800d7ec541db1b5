// Stage 2, Model: the small transformer (the lab's "LLM") and its tokenizer.
import { NOT_IN_THIS_BUILD, type StageDefinition } from './stage';

export const modelStage: StageDefinition = {
  id: 'model',
  title: 'Model',
  tagline: 'Choose the transformer and tokenizer',
  what: 'Chooses the size of the decoder-only transformer that plays the LLM (nano, small or base) and trains a byte-level BPE tokenizer on the dataset text. A classifier head on the [CLS] state reads out the three grades.',
  why: 'The paper fine-tunes an LLM with a classifier head. A small GPT of the same shape trains in a browser, so every later stage can be watched and repeated.',
  settings: [
    { key: 'model.preset', label: 'Preset', kind: 'choice', default: 'small', options: [
      { value: 'nano', label: 'nano: 36 K parameters (tests, seconds)' },
      { value: 'small', label: 'small: 1.1 M parameters (default)' },
      { value: 'base', label: 'base: 5.8 M parameters' },
    ] },
    { key: 'model.seed', label: 'Initialisation seed', kind: 'int', default: 1, min: 0, max: 4294967295 },
    { key: 'model.dropout', label: 'Dropout', kind: 'number', default: 0, min: 0, max: 0.5, step: 0.05 },
  ],
  unavailable: NOT_IN_THIS_BUILD,
};
