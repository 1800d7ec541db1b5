import { MATCH_CHANNELS, MATCH_FEATURES } from './match-signals';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareGradients } from './gradient-check';
import {
  GPT_PRESETS, ModelInputError, classify, countParameters, createGpt, disposeGpt, gptConfig, hiddenStates,
  initialValues, lastTokenIndex, lmLogits, lmLoss, pooledStates, type Gpt, type GptConfig,
} from './gpt';

const made: Gpt[] = [];
const make = (config: GptConfig, seed: number | string = 1): Gpt => {
  const model = createGpt(config, seed);
  made.push(model);
  return model;
};
const ids2d = (rows: number[][]) => tf.tensor2d(rows, [rows.length, rows[0].length], 'int32');
const values = (t: tf.Tensor) => Array.from(t.dataSync());

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  made.splice(0).forEach(disposeGpt);
});

describe('configuration and parameters', () => {
  it('counts parameters: embeddings + per-layer 12d^2 + 13d + final norm + 3-way head (+ match signals)', () => {
    for (const name of Object.keys(GPT_PRESETS) as (keyof typeof GPT_PRESETS)[]) {
      const plain = gptConfig(name, { matchSignals: false });
      const d = plain.dModel;
      const perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * 4 * d + 4 * d) + (4 * d * d + d);
      expect(perLayer).toBe(12 * d * d + 13 * d);
      const backbone = plain.vocabSize * d + plain.contextLength * d + plain.nLayers * perLayer + 2 * d;
      expect(countParameters(plain)).toEqual({ backbone, head: d * 3 + 3, total: backbone + d * 3 + 3 });
      // Match signals: a channel embedding [C, d], the pairs head [d, 1] + [1], and F more head inputs.
      const matched = gptConfig(name);
      expect(matched.matchSignals).toBe(true);
      const matchedBackbone = backbone + MATCH_CHANNELS * d + d + 1;
      const matchedHead = (d + MATCH_FEATURES) * 3 + 3;
      expect(countParameters(matched)).toEqual({ backbone: matchedBackbone, head: matchedHead, total: matchedBackbone + matchedHead });
    }
    expect(countParameters(gptConfig('small')).total).toBeGreaterThan(0.9e6);
    expect(countParameters(gptConfig('small')).total).toBeLessThan(1.2e6);
    expect(countParameters(gptConfig('base')).total).toBeGreaterThan(5e6);
    expect(countParameters(gptConfig('base')).total).toBeLessThan(10e6);
  });

  it('the same seed gives the same weights; another seed gives others', () => {
    const c = gptConfig('nano');
    const a = initialValues(c, 42);
    const b = initialValues(c, 42);
    const other = initialValues(c, 43);
    expect(a.get('h1.attn.qkv.w')).toEqual(b.get('h1.attn.qkv.w'));
    expect(a.get('wte')).not.toEqual(other.get('wte'));
    expect(Array.from(a.get('h0.ln1.g')!).every((v) => v === 1)).toBe(true);
    expect(Array.from(a.get('h0.mlp.fc.b')!).every((v) => v === 0)).toBe(true);
    const wte = a.get('wte')!;
    const std = Math.sqrt(wte.reduce((s, v) => s + v * v, 0) / wte.length);
    expect(std).toBeGreaterThan(0.018);
    expect(std).toBeLessThan(0.022);
  });

  it('rejects impossible configurations with the offending setting', () => {
    expect(() => gptConfig('nano', { nHeads: 3 })).toThrow(/divisible by nHeads/);
    expect(() => gptConfig('nano', { padId: 256 })).toThrow(ModelInputError);
    expect(() => gptConfig('nano', { nLayers: 0 })).toThrow(/nLayers/);
    expect(() => gptConfig('nano', { dropout: 1 })).toThrow(/dropout/);
  });
});

describe('forward pass', () => {
  const c = gptConfig('nano', { vocabSize: 50, contextLength: 12 });

  it('has the documented shapes', () => {
    const model = make(c);
    tf.tidy(() => {
      const ids = ids2d([[5, 6, 7, 1, 0, 0], [9, 8, 7, 6, 5, 1]]);
      const hidden = hiddenStates(c, model.params, ids);
      expect(hidden.shape).toEqual([2, 6, 32]);
      expect(lmLogits(c, model.params, hidden).shape).toEqual([2, 6, 50]);
      const out = classify(c, model.params, { ids, pooledIndex: tf.tensor1d([3, 5], 'int32') });
      expect(out.logits.shape).toEqual([2, 3]);
      expect(out.pooled.shape).toEqual([2, 32 + MATCH_FEATURES]);
      expect(lmLoss(c, model.params, ids).shape).toEqual([]);
    });
  });

  it('is causal: changing a later token leaves earlier positions unchanged', () => {
    const model = make(c);
    tf.tidy(() => {
      const a = lmLogits(c, model.params, hiddenStates(c, model.params, ids2d([[5, 6, 7, 8, 9, 10, 11]])));
      const b = lmLogits(c, model.params, hiddenStates(c, model.params, ids2d([[5, 6, 7, 8, 9, 40, 11]])));
      const diff = values(tf.max(tf.abs(tf.sub(a, b)), -1)); // per position
      expect(Math.max(...diff.slice(0, 5))).toBe(0);
      expect(diff[5]).toBeGreaterThan(1e-4);
      expect(diff[6]).toBeGreaterThan(1e-4);
    });
  });

  it('right padding does not change the real positions', () => {
    const model = make(c);
    tf.tidy(() => {
      const short = values(hiddenStates(c, model.params, ids2d([[5, 6, 7, 1]])));
      const padded = values(hiddenStates(c, model.params, ids2d([[5, 6, 7, 1, 0, 0, 0]])).slice([0, 0, 0], [1, 4, 32]));
      padded.forEach((v, i) => expect(v).toBeCloseTo(short[i], 5));
    });
  });

  it('pools the hidden state at each row\'s [CLS] index', () => {
    const model = make(c);
    tf.tidy(() => {
      const hidden = hiddenStates(c, model.params, ids2d([[5, 6, 1, 0], [7, 8, 9, 1]]));
      const pooled = pooledStates(hidden, tf.tensor1d([2, 3], 'int32'));
      expect(values(pooled.slice([0, 0], [1, 32]))).toEqual(values(hidden.slice([0, 2, 0], [1, 1, 32])));
      expect(values(pooled.slice([1, 0], [1, 32]))).toEqual(values(hidden.slice([1, 3, 0], [1, 1, 32])));
    });
  });

  it('classify computes the last block at [CLS] only, with the values and gradients of the full pass', () => {
    const deep = gptConfig('nano', { vocabSize: 16, contextLength: 8, dModel: 16, nHeads: 2, nLayers: 2, matchSignals: false });
    const model = make(deep, 'pooled-last');
    // Row 0 pools before its last real token (the mask must hide position 3 from it), row 1 at its end.
    const ids = ids2d([[5, 6, 1, 7, 0], [7, 8, 9, 2, 1]]);
    const pooledIndex = tf.tensor1d([2, 4], 'int32');
    const mix = tf.tensor2d([[1, -2, 0.5], [0.3, 1, -1]]);
    const names = [...model.params.keys()];
    const objective = (pooledOf: (p: Map<string, tf.Tensor>) => tf.Tensor2D) => (...xs: tf.Tensor[]) => {
      const p = new Map(names.map((name, i) => [name, xs[i]]));
      const logits = tf.add(tf.matMul(pooledOf(p), p.get('classifier.w')!), p.get('classifier.b')!);
      return tf.sum(tf.mul(logits, mix)) as tf.Scalar;
    };
    const trimmed = objective((p) => classify(deep, p, { ids, pooledIndex }).pooled);
    const full = objective((p) => pooledStates(hiddenStates(deep, p, ids), pooledIndex));
    const inputs = names.map((name) => model.params.get(name)!);
    tf.tidy(() => {
      const a = tf.valueAndGrads(trimmed)(inputs);
      const b = tf.valueAndGrads(full)(inputs);
      expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0], 5);
      names.forEach((name, i) => {
        const gap = tf.max(tf.abs(tf.sub(a.grads[i], b.grads[i]))).dataSync()[0];
        const scale = tf.max(tf.abs(b.grads[i])).dataSync()[0];
        expect(gap, name).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
      });
      // The comparison is not between zeros: the pooled rows reach every block's weights.
      expect(tf.max(tf.abs(b.grads[names.indexOf('h0.mlp.fc.w')])).dataSync()[0]).toBeGreaterThan(1e-6);
    });
    tf.dispose([ids, pooledIndex, mix]);
  });

  it('mean pooling averages the real tokens up to [CLS] and ignores padding', () => {
    const model = make(c);
    tf.tidy(() => {
      const hidden = hiddenStates(c, model.params, ids2d([[5, 6, 1, 0], [7, 8, 9, 1]]));
      const pooled = pooledStates(hidden, tf.tensor1d([2, 3], 'int32'), 'mean');
      const firstRow = values(hidden.slice([0, 0, 0], [1, 3, 32]).mean(1));
      values(pooled.slice([0, 0], [1, 32])).forEach((v, i) => expect(v).toBeCloseTo(firstRow[i], 5));
      const secondRow = values(hidden.slice([1, 0, 0], [1, 4, 32]).mean(1));
      values(pooled.slice([1, 0], [1, 32])).forEach((v, i) => expect(v).toBeCloseTo(secondRow[i], 5));
    });
    expect(() => gptConfig('nano', { pooling: 'max' as never })).toThrow(/pooling/);
  });

  it('ties the LM head to the token embedding', () => {
    const model = make(c);
    expect([...model.params.keys()].filter((n) => /head|lm/.test(n))).toEqual([]);
    tf.tidy(() => {
      const ids = ids2d([[5, 6, 7, 8]]);
      const hidden = hiddenStates(c, model.params, ids);
      const manual = tf.matMul(hidden.reshape([4, 32]), model.params.get('wte')!, false, true);
      // Equal up to float32 rounding: the fused product kernel sums in its own order.
      const logits = values(lmLogits(c, model.params, hidden));
      values(manual).forEach((v, i) => expect(Math.abs(logits[i] - v)).toBeLessThan(1e-5));
      // Token 30 never appears in the input: its embedding row gets gradient only through the head.
      const grad = tf.grad((wte) => lmLoss(c, new Map([...model.params, ['wte', wte]]), ids))(model.params.get('wte')!);
      expect(Math.abs(values(grad.slice([30, 0], [1, 32])).reduce((s, v) => s + Math.abs(v), 0))).toBeGreaterThan(1e-6);
    });
  });

  it('LM loss ignores padding targets and starts near ln(vocab)', () => {
    const model = make(c);
    tf.tidy(() => {
      const loss = lmLoss(c, model.params, ids2d([[5, 6, 7, 8, 1, 0, 0]])).dataSync()[0];
      expect(Math.abs(loss - Math.log(50))).toBeLessThan(0.5);
      // Same real tokens, more padding: same loss.
      const longer = lmLoss(c, model.params, ids2d([[5, 6, 7, 8, 1, 0, 0, 0, 0]])).dataSync()[0];
      expect(longer).toBeCloseTo(loss, 5);
    });
  });

  it('the embedding lookup touches exactly the rows of the ids it read', () => {
    const model = make(c);
    tf.tidy(() => {
      const ids = ids2d([[5, 6, 5, 9]]);
      const viaModel = tf.grad((wte) => {
        const hidden = hiddenStates(c, new Map([...model.params, ['wte', wte]]), ids);
        return tf.sum(tf.mul(hidden, tf.linspace(-1, 1, 4 * 32).reshape([1, 4, 32])));
      })(model.params.get('wte')!);
      // Reference: the same computation with the embedding swapped for tf.gather (fine on cpu).
      const rows = tf.gather(model.params.get('wte')!, ids.reshape([4]));
      expect(values(rows)).toEqual(values(tf.matMul(tf.oneHot(ids.reshape([4]), 50).cast('float32'), model.params.get('wte')!)));
      const grad = values(viaModel);
      const touched = new Set([5, 6, 9]);
      for (let token = 0; token < 50; token++) {
        const norm = grad.slice(token * 32, token * 32 + 32).reduce((s, v) => s + Math.abs(v), 0);
        expect(norm > 0).toBe(touched.has(token));
      }
    });
  });

  it('gradients of a tiny model match central differences', () => {
    const tiny = gptConfig('nano', { vocabSize: 12, contextLength: 6, dModel: 8, nHeads: 2, nLayers: 1 });
    const model = make(tiny, 'gradcheck');
    const ids = ids2d([[3, 4, 5, 1], [6, 7, 1, 0]]);
    const pooledIndex = tf.tensor1d([3, 2], 'int32');
    for (const name of ['h0.attn.qkv.w', 'h0.ln2.g', 'wpe']) {
      const start = model.params.get(name)!;
      const lm = compareGradients((x) => lmLoss(tiny, new Map([...model.params, [name, x]]), ids), start.dataSync() as Float32Array, start.shape, { h: 1e-3, atol: 2e-3 });
      expect(lm.worstRatio, name).toBeLessThan(1);
      const cls = compareGradients(
        (x) => tf.sum(classify(tiny, new Map([...model.params, [name, x]]), { ids, pooledIndex }).logits.mul(tf.tensor2d([[1, -2, 0.5], [0.3, 1, -1]]))) as tf.Scalar,
        start.dataSync() as Float32Array, start.shape, { h: 1e-3, atol: 2e-3 },
      );
      expect(cls.worstRatio, name).toBeLessThan(1);
    }
    ids.dispose();
    pooledIndex.dispose();
  });

  it('refuses sequences longer than the context and non-int32 ids', () => {
    const model = make(c);
    expect(() => tf.tidy(() => hiddenStates(c, model.params, ids2d([Array.from({ length: 13 }, () => 5)])))).toThrow(/context length 12/);
    expect(() => tf.tidy(() => hiddenStates(c, model.params, tf.tensor2d([[1, 2]])))).toThrow(/int32/);
  });

  it('finds the last non-pad position of each row', () => {
    expect(Array.from(lastTokenIndex(Int32Array.from([5, 6, 1, 0, 7, 8, 9, 1]), 2, 4, 0))).toEqual([2, 3]);
  });
});
