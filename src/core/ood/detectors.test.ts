// Every detector separates in-distribution Gaussian classes from a shifted OOD cluster.
import { describe, expect, it } from 'vitest';
import { fitKnn } from './knn';
import { energyScores, mspScores } from './logit-scores';
import { fitMahalanobis } from './mahalanobis';
import type { Matrix } from './matrix';
import { gaussianSets } from './synthetic';

/** AUROC with OOD as the positive class: P(score_ood > score_id), ties counting half. */
function auroc(idScores: ArrayLike<number>, oodScores: ArrayLike<number>): number {
  let wins = 0;
  for (let i = 0; i < oodScores.length; i++) {
    for (let j = 0; j < idScores.length; j++) wins += oodScores[i] > idScores[j] ? 1 : oodScores[i] === idScores[j] ? 0.5 : 0;
  }
  return wins / (oodScores.length * idScores.length);
}

/** Logits of the Gaussian classifier with equal covariance: l_c = mu_c . x - |mu_c|^2 / 2. */
function gaussianLogits(features: Matrix, means: Matrix): Matrix {
  const data = new Float32Array(features.rows * means.rows);
  for (let r = 0; r < features.rows; r++) {
    for (let c = 0; c < means.rows; c++) {
      let dot = 0;
      let norm = 0;
      for (let j = 0; j < features.cols; j++) {
        dot += means.data[c * means.cols + j] * features.data[r * features.cols + j];
        norm += means.data[c * means.cols + j] ** 2;
      }
      data[r * means.rows + c] = dot - norm / 2;
    }
  }
  return { data, rows: features.rows, cols: means.rows };
}

describe('detectors on synthetic Gaussian clusters', () => {
  const sets = gaussianSets({ dims: 16, seed: 5 });
  const train = sets.sample('id', 600, 'train');
  const idTest = sets.sample('id', 300, 'test');
  const oodTest = sets.sample('ood', 300, 'test');

  it('Mahalanobis and kNN (both search paths) reach AUROC > 0.9', async () => {
    const mahalanobis = fitMahalanobis(train.features, train.labels);
    expect(auroc(mahalanobis.score(idTest.features), mahalanobis.score(oodTest.features))).toBeGreaterThan(0.9);
    const knn = fitKnn(train.features, { k: 20 });
    expect(auroc(knn.scoreExact(idTest.features), knn.scoreExact(oodTest.features))).toBeGreaterThan(0.9);
    const viaTf = await Promise.all([idTest, oodTest].map((set) => knn.score(set.features, { method: 'tf' })));
    expect(auroc(viaTf[0], viaTf[1])).toBeGreaterThan(0.9);
  });

  it('MSP and energy from the classifier logits reach AUROC > 0.9', () => {
    const [idLogits, oodLogits] = [idTest, oodTest].map((set) => gaussianLogits(set.features, sets.classMeans));
    expect(auroc(mspScores(idLogits), mspScores(oodLogits))).toBeGreaterThan(0.9);
    expect(auroc(energyScores(idLogits), energyScores(oodLogits))).toBeGreaterThan(0.9);
  });

  it('a detector that cannot tell the sets apart scores near 0.5 (the check can fail)', () => {
    const mahalanobis = fitMahalanobis(train.features, train.labels);
    const otherId = sets.sample('id', 300, 'other');
    expect(Math.abs(auroc(mahalanobis.score(idTest.features), mahalanobis.score(otherId.features)) - 0.5)).toBeLessThan(0.1);
  });
});
