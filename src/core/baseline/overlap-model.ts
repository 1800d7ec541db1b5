// The overlap baseline: classical query-item overlap features (overlap-features.ts) with corpus
// statistics fitted on the training items, and a classifier fitted on the training pairs only:
// gradient-boosted trees (the default, chosen on val, docs/DATA.md) or softmax regression over
// standardised features. It gives [p0, p1, p2] per pair, so every metric of src/core/metrics applies.
import type { Example, Grade } from '../data/schema';
import { EMPTY_LEXICON, type Lexicon } from '../text/lexicon';
import { BaselineInputError, labelledExamples } from './bag-of-words';
import { fitCorpusStats, type CorpusStats } from './corpus-stats';
import { DEFAULT_GRADIENT_BOOSTING, gradientBoostingProbabilities, trainGradientBoosting, type GradientBoostingOptions } from './gradient-boosting';
import { OverlapFeaturizer } from './overlap-features';
import { probabilities as regressionProbabilities, trainSoftmaxRegression, type SoftmaxRegressionOptions } from './softmax-regression';
import { fitStandardiser, standardise } from './standardiser';

export type OverlapClassifier = 'gradient-boosting' | 'softmax-regression';
export const OVERLAP_CLASSIFIERS: readonly OverlapClassifier[] = ['gradient-boosting', 'softmax-regression'];

export interface OverlapModelOptions {
  classifier: OverlapClassifier;
  /** Related words for the `related` match; none by default. */
  lexicon: Lexicon;
  boosting: GradientBoostingOptions;
  regression: Omit<SoftmaxRegressionOptions, 'classes'>;
}

export const DEFAULT_OVERLAP_OPTIONS: OverlapModelOptions = {
  classifier: 'gradient-boosting',
  lexicon: EMPTY_LEXICON,
  boosting: DEFAULT_GRADIENT_BOOSTING,
  // The best of four settings on val (docs/DATA.md), still 0.05 below the trees there.
  regression: { epochs: 30, learningRate: 0.05, batchSize: 32, l2: 0, seed: 1 },
};

export type OverlapModelSettings = Partial<Omit<OverlapModelOptions, 'boosting' | 'regression'>> & {
  boosting?: Partial<GradientBoostingOptions>;
  regression?: Partial<OverlapModelOptions['regression']>;
};

export interface OverlapModel {
  classifier: OverlapClassifier;
  stats: CorpusStats;
  /** [p0, p1, p2] for the pair. */
  probabilities(query: string, item: Example['item']): [number, number, number];
  predict(query: string, item: Example['item']): Grade;
}

export function resolveOverlapOptions(settings: OverlapModelSettings = {}): OverlapModelOptions {
  return {
    ...DEFAULT_OVERLAP_OPTIONS,
    ...settings,
    boosting: { ...DEFAULT_OVERLAP_OPTIONS.boosting, ...settings.boosting },
    regression: { ...DEFAULT_OVERLAP_OPTIONS.regression, ...settings.regression },
  };
}

const argmax = (p: readonly number[]) => p.indexOf(Math.max(...p)) as Grade;

/** Fits the corpus statistics and the classifier on `train` (and nothing else). */
export function trainOverlapModel(train: readonly Example[], settings: OverlapModelSettings = {}): OverlapModel {
  const options = resolveOverlapOptions(settings);
  if (!OVERLAP_CLASSIFIERS.includes(options.classifier)) throw new BaselineInputError(`classifier must be one of ${OVERLAP_CLASSIFIERS.join(', ')}, got ${String(options.classifier)}`);
  const examples = labelledExamples(train, 'training data');
  if (examples.length === 0) throw new BaselineInputError('training data is empty');
  const stats = fitCorpusStats(examples.map((example) => example.item));
  const featurizer = new OverlapFeaturizer(stats, options.lexicon);
  const rows = examples.map((example) => featurizer.features(example.query, example.item));
  const labels = examples.map((example) => example.grade!);
  let score: (row: number[]) => number[];
  if (options.classifier === 'gradient-boosting') {
    const model = trainGradientBoosting(rows, labels, { ...options.boosting, classes: 3 });
    score = (row) => gradientBoostingProbabilities(model, row);
  } else {
    const standardiser = fitStandardiser(rows);
    const inputs = rows.map((row) => standardise(standardiser, row));
    const model = trainSoftmaxRegression(inputs, labels, standardiser.mean.length, { ...options.regression, classes: 3 });
    score = (row) => regressionProbabilities(model, standardise(standardiser, row));
  }
  const probabilities = (query: string, item: Example['item']) => score(featurizer.features(query, item)) as [number, number, number];
  return { classifier: options.classifier, stats, probabilities, predict: (query, item) => argmax(probabilities(query, item)) };
}
