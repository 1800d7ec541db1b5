import { describe, expect, it } from 'vitest';
import { fitKnn } from './knn';
import { fitMahalanobis } from './mahalanobis';
import { scoreFeatureSets } from './score-sets';
import { gaussianSets } from './synthetic';

describe('scoreFeatureSets', () => {
  const sets = gaussianSets({ dims: 8, seed: 2 });
  const train = sets.sample('id', 90, 'train');
  const val = sets.sample('id', 30, 'val').features;
  const pool = sets.sample('ood', 20, 'pool').features;

  it('scores every named set with each detector fitted once on train', async () => {
    const result = await scoreFeatureSets(train.features, train.labels, { val, pool }, { knn: { k: 5, method: 'exact' }, mahalanobis: { shrinkage: 0.2 } });
    expect(result.scores.mahalanobis!.pool).toEqual(fitMahalanobis(train.features, train.labels, { shrinkage: 0.2 }).score(pool));
    expect(result.scores.knn!.val).toEqual(fitKnn(train.features, { k: 5 }).scoreExact(val));
    expect(result.fitted).toEqual({ mahalanobis: { shrinkage: 0.2, classes: [0, 1, 2] }, knn: { k: 5 } });
  });

  it('runs only the detectors asked for', async () => {
    const result = await scoreFeatureSets(train.features, train.labels, { pool }, { detectors: ['knn'] });
    expect(Object.keys(result.scores)).toEqual(['knn']);
    expect(result.fitted.knn).toEqual({ k: 50 });
  });
});
