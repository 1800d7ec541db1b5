// The shipped models in public/models, checked as they are (never retrained): file hashes, weight
// shapes against the preset, the tokenizer, the corpus they came from, and their held-out LM loss
// against the unigram entropy of the same held-out text.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreModel } from '../../checkpoint/capture';
import { disposeGpt, GPT_PRESETS, parameterSpecs, type GptPresetName } from '../../model/gpt';
import { useBackend } from '../../backend/test-backends';
import { createRng } from '../../random';
import { tokenizerFromLabJson } from '../../tokenizer';
import { corpusDocuments, encodeDocuments, splitHeldOut, truncateDocuments } from '../../training/loop/lm-corpus';
import { heldOutLmLoss, unigramCrossEntropy } from '../../training/loop/lm-eval';
import { shippedCorpus, type ShippedCorpus } from './corpus';
import { SHIPPED_LM_MARGIN } from './manifest';
import { openShippedFolder, SHIPPED_MODELS_DIR } from './node-folder';

/** Held-out documents the LM check reads (a seeded sample, to keep the test short). */
const HELD_OUT_SAMPLE = 300;

const presets = (['nano', 'small'] as GptPresetName[]).filter((preset) => preset === 'nano' || existsSync(join(SHIPPED_MODELS_DIR, preset, 'shipped.json')));

let corpus: ShippedCorpus;
beforeAll(async () => {
  await useBackend('wasm');
  corpus = shippedCorpus();
}, 60_000);

describe.each(presets)('the shipped %s model', (preset) => {
  const folder = join(SHIPPED_MODELS_DIR, preset);

  it('has files matching shipped.json, the preset shapes and a tokenizer that round-trips text', async () => {
    const shipped = await openShippedFolder(folder);
    const checkpoint = await shipped.load(); // checks both SHA-256 hashes
    const { config } = checkpoint;
    const presetConfig = GPT_PRESETS[preset];
    for (const key of ['contextLength', 'dModel', 'nHeads', 'nLayers', 'mlpRatio', 'matchSignals'] as const) expect(config[key]).toBe(presetConfig[key]);
    expect(config.vocabSize).toBe(Math.max(512, presetConfig.vocabSize));
    const shapes = new Map(checkpoint.weights.map((tensor) => [tensor.name, tensor.shape]));
    expect([...shapes.keys()]).toEqual(parameterSpecs(config).map((spec) => spec.name));
    for (const spec of parameterSpecs(config)) expect(shapes.get(spec.name)).toEqual(spec.shape);
    expect(checkpoint.optimizer).toBeNull();

    const tokenizer = tokenizerFromLabJson(checkpoint.tokenizer!, 'shipped tokenizer');
    expect(tokenizer.vocabSize).toBe(config.vocabSize);
    for (const text of ['term life insurance for a 45 year old', 'Cheap pet insurnace, no waiting period?', 'Ünïcödé 🙂 and numbers 1,250.00']) {
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    }
    expect(shipped.manifest.files.weights.bytes).toBeLessThan(8 * 2 ** 20);
  });

  it(`was pretrained on the shipped corpus and beats the unigram entropy by ${SHIPPED_LM_MARGIN} nats/token on held-out text`, async () => {
    const shipped = await openShippedFolder(folder);
    const { manifest } = shipped;
    expect(manifest.corpus.fingerprint).toBe(corpus.description.fingerprint);
    expect(manifest.lm.heldOutLoss).toBeLessThan(manifest.lm.unigramEntropy - SHIPPED_LM_MARGIN);

    const checkpoint = await shipped.load();
    const tokenizer = tokenizerFromLabJson(checkpoint.tokenizer!, 'shipped tokenizer');
    const { train, heldOut } = splitHeldOut(corpusDocuments(corpus.examples), manifest.settings.heldOutFraction);
    const sample = createRng('shipped-lm-check').shuffle(heldOut.slice()).slice(0, HELD_OUT_SAMPLE);
    const sequences = truncateDocuments(encodeDocuments(tokenizer, sample), checkpoint.config.contextLength);
    const model = restoreModel(checkpoint, 'shipped model');
    try {
      const loss = await heldOutLmLoss(model, sequences);
      const entropy = unigramCrossEntropy(encodeDocuments(tokenizer, train), sequences, checkpoint.config.vocabSize);
      expect(loss).toBeLessThan(entropy - SHIPPED_LM_MARGIN);
      // The sample tells the same story as the whole held-out set the manifest reports.
      expect(Math.abs(loss - manifest.lm.heldOutLoss)).toBeLessThan(0.25);
    } finally {
      disposeGpt(model);
    }
  }, 120_000);
});
