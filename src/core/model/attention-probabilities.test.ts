import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attentionProbabilities, createGpt, disposeGpt, gptConfig, hiddenStates, type Gpt } from './gpt';

const made: Gpt[] = [];
afterEach(() => made.splice(0).forEach(disposeGpt));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two rows, the second right-padded with padId 0 after its fourth token. */
const ROWS = [
  [2, 7, 9, 4, 11, 5, 1],
  [2, 8, 3, 1, 0, 0, 0],
];

function maps(matchSignals: boolean): { probabilities: number[][][][][]; shape: number[][] } {
  const config = gptConfig('nano', { contextLength: 16, matchSignals });
  const model = createGpt(config, 'attention');
  made.push(model);
  return tf.tidy(() => {
    const ids = tf.tensor2d(ROWS, [2, 7], 'int32');
    const list = attentionProbabilities(config, model.params, ids);
    return { probabilities: list.map((t) => t.arraySync() as number[][][][]), shape: list.map((t) => t.shape) };
  });
}

describe('attentionProbabilities', () => {
  for (const matchSignals of [false, true]) {
    it(`gives one [B,H,T,T] map per block whose rows are row-stochastic and causal-masked (match signals ${matchSignals ? 'on' : 'off'})`, () => {
      const { probabilities, shape } = maps(matchSignals);
      const config = gptConfig('nano');
      expect(shape).toEqual(Array.from({ length: config.nLayers }, () => [2, config.nHeads, 7, 7]));
      let spread = 0;
      for (const layer of probabilities) {
        layer.forEach((heads, b) => {
          for (const head of heads) {
            head.forEach((row, q) => {
              expect(row.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 5);
              row.forEach((p, k) => {
                expect(p).toBeGreaterThanOrEqual(0);
                if (k > q) expect(p).toBe(0); // the future is never read
                if (ROWS[b][k] === 0) expect(p).toBe(0); // nor padding
              });
              if (q > 0 && ROWS[b][q] !== 0) spread = Math.max(spread, Math.min(...row.slice(0, q + 1)));
            });
            expect(head[0][0]).toBeCloseTo(1, 6); // the first position reads only itself
          }
        });
      }
      // Not one-hot: the earlier positions all get some weight.
      expect(spread).toBeGreaterThan(0.01);
    });
  }

  it('leaves the forward pass as it is', () => {
    const config = gptConfig('nano', { contextLength: 16 });
    const model = createGpt(config, 'attention');
    made.push(model);
    const [plain, again] = tf.tidy(() => {
      const ids = tf.tensor2d(ROWS, [2, 7], 'int32');
      const before = hiddenStates(config, model.params, ids).arraySync();
      attentionProbabilities(config, model.params, ids);
      return [before, hiddenStates(config, model.params, ids).arraySync()];
    });
    expect(again).toEqual(plain);
  });
});
