// Stage 0 from a shipped pretrained model (public/models/<preset>): nothing is trained. Its output
// is keyed by the files' content hashes, not by the data, so every dataset and every run shares one
// stored copy, and the files are read (and checked) only the first time.
import type { StageCall } from '../stage';
import type { ShippedModel } from '../shipped/source';
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

export function shippedPretrainCall(model: ShippedModel): StageCall<PretrainRecord> {
  const settings = shippedPretrainSettings(model);
  return {
    stage: 'pretrain',
    settings,
    inputKeys: [`shipped:${settings.weights}:${settings.tokenizer}`],
    run: async () => ({ record: shippedPretrainRecord(model), checkpoint: await model.load() }),
  };
}
