// The model reading match signals from a batch as the training step builds it (batch-inputs.ts);
// the channel numbering and packing themselves are tested in src/core/model/match-signals.test.ts.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { classify, createGpt, disposeGpt, gptConfig, headInputSize, lmAndPairsLoss, lmLoss } from '../../model/gpt';
import { MATCH_FEATURES, matchChannel, matchFeatures, packId } from '../../model/match-signals';
import { batchInputs } from './batch-inputs';
import { syntheticBatch } from './synthetic-batch';

describe('match features and the model (cpu)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('gives each side the share of its word tokens per match kind, and whether every query word was found', () => {
    const q = (kind: 'none' | 'exact' | 'stem') => matchChannel('query', kind);
    const i = (kind: 'none' | 'exact') => matchChannel('item', kind);
    const rows = [
      [0, q('none'), q('exact'), q('exact'), 0, i('none'), i('exact'), i('exact'), i('exact'), 0],
      [0, q('exact'), q('stem'), 0, i('exact'), i('none'), 0, 0, 0, 0],
    ];
    const features = tf.tidy(() => matchFeatures(tf.tensor2d(rows, [2, 10], 'int32')).arraySync());
    expect(features[0].length).toBe(MATCH_FEATURES);
    const expected = [
      [1 / 3, 2 / 3, 0, 0, 0, 1 / 4, 3 / 4, 0, 0, 0, 0],
      [0, 1 / 2, 1 / 2, 0, 0, 1 / 2, 1 / 2, 0, 0, 0, 1],
    ];
    features.forEach((row, r) => row.forEach((value, k) => expect(value).toBeCloseTo(expected[r][k], 6)));
  });

  it('reads the channels: the same tokens with other channels give other logits', () => {
    const config = gptConfig('nano', { vocabSize: 40, contextLength: 12 });
    const model = createGpt(config, 'channels');
    const batch = syntheticBatch(config, 2, 8, 'channels');
    const withChannels = { ...batch, ids: batch.ids.map((id, k) => (id === config.padId || id === config.clsId ? id : packId(id, 1 + (k % 10), config.vocabSize))) };
    const [plain, matched, width] = tf.tidy(() => {
      const a = classify(config, model.params, batchInputs(config, batch));
      const b = classify(config, model.params, batchInputs(config, withChannels));
      return [a.logits.arraySync().flat(), b.logits.arraySync().flat(), b.pooled.shape[1]];
    });
    expect(width).toBe(headInputSize(config));
    expect(Math.max(...plain.map((v, k) => Math.abs(v - matched[k])))).toBeGreaterThan(1e-4);
    disposeGpt(model);
  });

  it('the pairs objective is the LM loss when no row is a pair, and trains the pairs head when some are', () => {
    const config = gptConfig('nano', { vocabSize: 40, contextLength: 12 });
    const model = createGpt(config, 'pairs');
    const batch = syntheticBatch(config, 4, 8, 'pairs');
    tf.tidy(() => {
      const inputs = batchInputs(config, batch);
      const lm = lmLoss(config, model.params, inputs).dataSync()[0];
      const none = lmAndPairsLoss(config, model.params, inputs, tf.tensor1d([-1, -1, -1, -1], 'int32'), 16).dataSync()[0];
      expect(none).toBeCloseTo(lm, 6);
      const labels = tf.tensor1d([1, 0, -1, 1], 'int32');
      const withPairs = lmAndPairsLoss(config, model.params, inputs, labels, 16).dataSync()[0];
      expect(withPairs).toBeGreaterThan(lm);
      const grad = tf.grad((w: tf.Tensor) => lmAndPairsLoss(config, new Map([...model.params, ['pairs.w', w]]), inputs, labels, 16))(model.params.get('pairs.w')!);
      expect(tf.max(tf.abs(grad)).dataSync()[0]).toBeGreaterThan(1e-6);
    });
    expect(() => lmAndPairsLoss(gptConfig('nano', { matchSignals: false }), model.params, { ids: tf.zeros([1, 2], 'int32') }, tf.tensor1d([1], 'int32'), 1)).toThrow(/needs a model with matchSignals/);
    disposeGpt(model);
  });
});
