// Stage 2, Model: the small transformer (the lab's "LLM") and its tokenizer.
import { stageSettingRows } from '../../core/pipeline/settings-table';
import type { StageDefinition } from '../stage';

export const modelStage: StageDefinition = {
  id: 'model',
  title: 'Model',
  tagline: 'Choose the transformer and tokenizer',
  what: 'Chooses the size of the decoder-only transformer that plays the LLM (nano, small or base) and trains a byte-level BPE tokenizer on the dataset text. A classifier head on the [CLS] state reads out the three grades.',
  why: 'The paper fine-tunes an LLM with a classifier head. A small GPT of the same shape trains in a browser, so every later stage can be watched and repeated.',
  settings: stageSettingRows('model'),
  unavailable: null,
};
