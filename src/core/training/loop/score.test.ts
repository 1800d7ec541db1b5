import { MATCH_FEATURES } from '../../model/match-signals';
import { batchInputs } from '../step/batch-inputs';
import { pairMatchingFor } from './pair-matches';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generator/generate';
import { classify, createGpt, disposeGpt, headInputSize, type Gpt } from '../../model/gpt';
import { trainTokenizer, type BpeTokenizer } from '../../tokenizer';
import { useBackend } from '../../backend/test-backends';
import { encodePairs } from './encode';
import { argmax, evaluateClassifier } from './evaluate';
import { corpusDocuments } from './lm-corpus';
import { configForTokenizer } from './model-setup';
import { features, logits, probabilities, score } from './score';

const dataset = generateDataset({ seed: 5, sizes: { train: 60, val: 0, test_id: 30, test_ood: 0, pool: 0 } });
const pairs = dataset.examples.test_id;
let tokenizer: BpeTokenizer;
let model: Gpt;

describe('score, logits and features (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    tokenizer = trainTokenizer(corpusDocuments(dataset.examples.train), { vocabSize: 512 });
    model = createGpt(configForTokenizer('nano', tokenizer), 'score');
    return () => disposeGpt(model);
  });

  it('gives three probabilities summing to 1 and the expected grade sum_k k p_k / 2', async () => {
    const scores = await score(model, tokenizer, pairs, { batchSize: 7 });
    expect(scores).toHaveLength(pairs.length);
    for (const s of scores) {
      expect(s.probs).toHaveLength(3);
      expect(s.probs.every((p) => p > 0 && p < 1)).toBe(true);
      expect(s.probs.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
      expect(s.expectedGrade).toBeCloseTo((s.probs[1] + 2 * s.probs[2]) / 2, 6);
    }
  });

  it('returns results in input order whatever the batch size (each pair scored alone agrees)', async () => {
    const batched = await score(model, tokenizer, pairs, { batchSize: 8 });
    const reversed = await score(model, tokenizer, [...pairs].reverse(), { batchSize: 5 });
    for (const i of [0, 7, 13, 29]) {
      const [alone] = await score(model, tokenizer, [pairs[i]], { batchSize: 1 });
      alone.probs.forEach((p, k) => expect(batched[i].probs[k]).toBeCloseTo(p, 5));
      alone.probs.forEach((p, k) => expect(reversed[pairs.length - 1 - i].probs[k]).toBeCloseTo(p, 5));
    }
  });

  it('logits and features match the model on the same pair; features are [pairs, dModel + match features]', async () => {
    const z = await logits(model, tokenizer, pairs, { batchSize: 4 });
    const h = await features(model, tokenizer, pairs, { batchSize: 4 });
    expect([z.rows, z.columns, z.data.length]).toEqual([pairs.length, 3, pairs.length * 3]);
    const width = headInputSize(model.config);
    expect(width).toBe(model.config.dModel + MATCH_FEATURES);
    expect([h.rows, h.columns, h.data.length]).toEqual([pairs.length, width, pairs.length * width]);
    const [ids] = encodePairs(tokenizer, [pairs[3]], model.config.contextLength, pairMatchingFor(model.config));
    const direct = tf.tidy(() => {
      const out = classify(model.config, model.params, batchInputs(model.config, { ids, rows: 1, length: ids.length, pooledIndex: Int32Array.of(ids.length - 1) }));
      return { z: out.logits.dataSync(), h: out.pooled.dataSync() };
    });
    direct.z.forEach((v, k) => expect(z.data[3 * 3 + k]).toBeCloseTo(v, 5));
    direct.h.forEach((v, k) => expect(h.data[3 * width + k]).toBeCloseTo(v, 4));
    const probs = (await score(model, tokenizer, [pairs[3]]))[0].probs;
    probabilities(z.data.subarray(9, 12)).forEach((p, k) => expect(probs[k]).toBeCloseTo(p, 6));
  });

  it('applies LogitNorm before the softmax when asked', () => {
    const z = [3, -1, 0.5];
    const norm = Math.sqrt(9 + 1 + 0.25);
    const expected = probabilities(z.map((v) => v / (norm * 0.5)));
    probabilities(z, 0.5).forEach((p, k) => expect(p).toBeCloseTo(expected[k], 5));
    expect(argmax(probabilities(z, 0.5))).toBe(0);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await score(model, tokenizer, pairs, { batchSize: 6 });
    await features(model, tokenizer, pairs, { batchSize: 6 });
    await evaluateClassifier(model, tokenizer, pairs);
    expect(tf.memory().numTensors).toBe(before);
  });
});
