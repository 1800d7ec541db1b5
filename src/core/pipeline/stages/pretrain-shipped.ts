// Stage 0 from a given model: a shipped pretrained model (public/models/<preset>) or a Hugging Face
// GPT-2 folder (`run --pretrained DIR`); nothing is trained. Its output is keyed by the files'
// content hashes, not by the data, so every dataset and every run shares one stored copy, and the
// files are read (and checked) only the first time.
import type { StageCall } from '../stage';
import type { HuggingFaceStartModel } from '../shipped/huggingface';
import type { PretrainedModel, ShippedModel } from '../shipped/source';
import type { PretrainRecord } from './pretrain';

/** What keys a shipped pretrain stage: the content of its files. */
export function shippedPretrainSettings(model: ShippedModel) {
  const { manifest } = model;
  return { source: 'shipped' as const, preset: manifest.preset, weights: manifest.files.weights.sha256, tokenizer: manifest.files.tokenizer.sha256 };
}

export function shippedPretrainRecord(model: ShippedModel): PretrainRecord {
  const { manifest } = model;
  return {
    vocabSize: manifest.config.vocabSize,
    documents: manifest.training.documents,
    steps: manifest.steps,
    finalLoss: manifest.training.finalLoss,
    tokens: manifest.training.tokens,
    trainSeconds: manifest.training.seconds,
    lm: manifest.lm,
    shipped: { preset: manifest.preset, command: manifest.command, sha256: manifest.files.weights.sha256, corpusSeed: manifest.corpus.generator.seed },
  };
}

/** What keys an imported folder: the SHA-256 of each file the import reads (the folder's name does not count). */
export function importedPretrainSettings(model: HuggingFaceStartModel) {
  return { source: 'huggingface' as const, files: model.files };
}

function importedPretrainCall(model: HuggingFaceStartModel): StageCall<PretrainRecord> {
  const settings = importedPretrainSettings(model);
  return {
    stage: 'pretrain',
    settings,
    inputKeys: [`huggingface:${Object.entries(model.files).map(([name, hash]) => `${name}=${hash}`).join(':')}`],
    run: async () => {
      const { checkpoint, notes } = await model.load();
      const record: PretrainRecord = {
        vocabSize: checkpoint.config.vocabSize,
        documents: { train: 0, heldOut: 0, pairs: 0 },
        steps: 0,
        finalLoss: null,
        tokens: 0,
        trainSeconds: 0,
        lm: null,
        imported: { format: 'huggingface', where: model.where, files: model.files, notes },
      };
      return { record, checkpoint };
    },
  };
}

export function shippedPretrainCall(model: PretrainedModel): StageCall<PretrainRecord> {
  if ('kind' in model) return importedPretrainCall(model);
  const shipped: ShippedModel = model;
  const settings = shippedPretrainSettings(shipped);
  return {
    stage: 'pretrain',
    settings,
    inputKeys: [`shipped:${settings.weights}:${settings.tokenizer}`],
    run: async () => ({ record: shippedPretrainRecord(shipped), checkpoint: await shipped.load() }),
  };
}
