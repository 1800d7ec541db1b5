import { describe, expect, it } from 'vitest';
import { generateDataset } from '../data/generator/generate';
import { measureShift, scoreModel } from './bag-of-words';
import { BASELINES, measureBaselines } from './baselines';
import { trainOverlapModel } from './overlap-model';

const data = generateDataset({ seed: 3, sizes: { train: 1500, val: 10, test_id: 400, test_ood: 400, pool: 10 } }).examples;

describe('overlap baseline', () => {
  const model = trainOverlapModel(data.train);

  it('gives three probabilities per pair and predicts their largest', () => {
    for (const example of data.test_ood.slice(0, 50)) {
      const p = model.probabilities(example.query, example.item);
      expect(p).toHaveLength(3);
      expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(model.predict(example.query, example.item)).toBe(p.indexOf(Math.max(...p)));
    }
  });

  it('is fitted on the training items alone and repeats exactly', () => {
    expect(model.classifier).toBe('gradient-boosting');
    expect(model.stats.item.documents).toBe(new Set(data.train.map((e) => JSON.stringify(e.item))).size);
    const again = trainOverlapModel(data.train);
    for (const example of data.test_id.slice(0, 20)) expect(again.probabilities(example.query, example.item)).toEqual(model.probabilities(example.query, example.item));
  });

  it('does clearly better than chance, and holds up under the shift better than bag-of-words', () => {
    const id = scoreModel(model, data.test_id, 'test_id');
    const ood = scoreModel(model, data.test_ood, 'test_ood');
    expect(id.macroF1).toBeGreaterThan(0.55);
    expect(ood.macroF1).toBeGreaterThan(measureShift(data.train, data.test_id, data.test_ood).ood.macroF1);
  });

  it('also fits softmax regression over standardised features', () => {
    const regression = trainOverlapModel(data.train, { classifier: 'softmax-regression', regression: { epochs: 5 } });
    expect(regression.classifier).toBe('softmax-regression');
    expect(scoreModel(regression, data.test_id, 'test_id').macroF1).toBeGreaterThan(0.45);
  });

  it('refuses ungraded or no training data and unknown classifiers', () => {
    expect(() => trainOverlapModel([{ ...data.train[0], grade: null }])).toThrow(/has no grade/);
    expect(() => trainOverlapModel([])).toThrow(/training data is empty/);
    expect(() => trainOverlapModel(data.train, { classifier: 'forest' as never })).toThrow(/classifier must be one of/);
  });
});

describe('measureBaselines', () => {
  it("scores both baselines on test_id and test_ood with the variants' metrics", () => {
    const results = measureBaselines(data, { overlap: { boosting: { rounds: 20 } }, bagOfWords: { epochs: 3 } });
    expect(Object.keys(results)).toEqual([...BASELINES]);
    for (const result of Object.values(results)) {
      expect(result.test_id.n).toBe(400);
      expect(result.test_ood.n).toBe(400);
      for (const metric of ['macro_f1', 'accuracy', 'qwk', 'ece', 'auc', 'ndcg@10'] as const) expect(Number.isFinite(result.test_ood[metric])).toBe(true);
      expect(result.id_ood_gap.macro_f1).toBeCloseTo(result.test_id.macro_f1 - result.test_ood.macro_f1, 12);
    }
  });
});
