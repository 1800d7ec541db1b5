// Fits the feature detectors on ID train once and scores several named sets (e.g. val and pool),
// giving scores[detector][set]: the shape DASA takes.
import { fitKnn, type KnnOptions, type KnnScoreOptions } from './knn';
import { fitMahalanobis, type MahalanobisOptions } from './mahalanobis';
import type { Matrix } from './matrix';

export type FeatureDetectorName = 'mahalanobis' | 'knn';
export const FEATURE_DETECTORS: readonly FeatureDetectorName[] = ['mahalanobis', 'knn'];

export interface FeatureScoringOptions {
  detectors?: readonly FeatureDetectorName[];
  mahalanobis?: MahalanobisOptions;
  knn?: KnnOptions & KnnScoreOptions;
}

export interface FeatureScores<S extends string> {
  scores: Partial<Record<FeatureDetectorName, Record<S, Float64Array>>>;
  /** What each fitted detector used: the Mahalanobis shrinkage and classes, the kNN k. */
  fitted: { mahalanobis?: { shrinkage: number; classes: readonly number[] }; knn?: { k: number } };
}

export async function scoreFeatureSets<S extends string>(
  train: Matrix,
  trainLabels: ArrayLike<number>,
  sets: Record<S, Matrix>,
  options: FeatureScoringOptions = {},
): Promise<FeatureScores<S>> {
  const detectors = options.detectors ?? FEATURE_DETECTORS;
  const names = Object.keys(sets) as S[];
  const result: FeatureScores<S> = { scores: {}, fitted: {} };
  if (detectors.includes('mahalanobis')) {
    const detector = fitMahalanobis(train, trainLabels, options.mahalanobis);
    result.scores.mahalanobis = Object.fromEntries(names.map((name) => [name, detector.score(sets[name])])) as Record<S, Float64Array>;
    result.fitted.mahalanobis = { shrinkage: detector.shrinkage, classes: detector.classes };
  }
  if (detectors.includes('knn')) {
    const detector = fitKnn(train, options.knn);
    const perSet = {} as Record<S, Float64Array>;
    for (const name of names) perSet[name] = await detector.score(sets[name], options.knn);
    result.scores.knn = perSet;
    result.fitted.knn = { k: detector.k };
  }
  return result;
}
