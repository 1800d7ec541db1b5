// The bag-of-words baseline: hashed token features + softmax regression, trained on train and
// scored on test_id and test_ood. It shows the data's shift is real: a model that only sees
// which words occur does well in distribution and loses clearly on the shifted test.
import type { Example, Grade } from '../data/schema';
import { LabError, registerLabError } from '../errors';
import { classificationReport, type ClassificationReport } from '../metrics/classification';
import { featureCount, pairFeatures } from './hashed-features';
import { predictClass, probabilities, trainSoftmaxRegression, type SoftmaxRegression } from './softmax-regression';

export interface BagOfWordsOptions {
  buckets: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  l2: number;
  seed: number;
}

export const DEFAULT_BAG_OF_WORDS_OPTIONS: BagOfWordsOptions = {
  buckets: 4096,
  epochs: 12,
  learningRate: 0.5,
  batchSize: 32,
  l2: 1e-5,
  seed: 1,
};

export interface BagOfWordsModel {
  options: BagOfWordsOptions;
  regression: SoftmaxRegression;
  predict(query: string, item: Example['item']): Grade;
  /** [p0, p1, p2] for the pair. */
  probabilities(query: string, item: Example['item']): [number, number, number];
}

export class BaselineInputError extends LabError {}
registerLabError(BaselineInputError);

/** A copy of the examples; throws when one has no grade. */
export function labelledExamples(examples: readonly Example[], what: string): Example[] {
  const missing = examples.findIndex((example) => example.grade === null);
  if (missing >= 0) throw new BaselineInputError(`${what}: example "${examples[missing].id}" has no grade`);
  return examples.slice();
}

export function trainBagOfWords(train: readonly Example[], options: Partial<BagOfWordsOptions> = {}): BagOfWordsModel {
  const resolved = { ...DEFAULT_BAG_OF_WORDS_OPTIONS, ...options };
  const examples = labelledExamples(train, 'training data');
  if (examples.length === 0) throw new BaselineInputError('training data is empty');
  const inputs = examples.map((example) => pairFeatures(example.query, example.item, resolved.buckets));
  const regression = trainSoftmaxRegression(inputs, examples.map((example) => example.grade!), featureCount(resolved.buckets), {
    classes: 3,
    epochs: resolved.epochs,
    learningRate: resolved.learningRate,
    batchSize: resolved.batchSize,
    l2: resolved.l2,
    seed: resolved.seed,
  });
  return {
    options: resolved,
    regression,
    predict: (query, item) => predictClass(regression, pairFeatures(query, item, resolved.buckets)) as Grade,
    probabilities: (query, item) => probabilities(regression, pairFeatures(query, item, resolved.buckets)) as [number, number, number],
  };
}

export function scoreModel(model: Pick<BagOfWordsModel, 'predict'>, examples: readonly Example[], what: string): ClassificationReport {
  const scored = labelledExamples(examples, what);
  return classificationReport(
    scored.map((example) => example.grade!),
    scored.map((example) => model.predict(example.query, example.item)),
  );
}

export interface ShiftReport {
  id: ClassificationReport;
  ood: ClassificationReport;
  /** macro-F1(test_id) - macro-F1(test_ood). */
  macroF1Gap: number;
}

/** Trains on train and scores test_id and test_ood. */
export function measureShift(
  train: readonly Example[],
  testId: readonly Example[],
  testOod: readonly Example[],
  options: Partial<BagOfWordsOptions> = {},
): ShiftReport {
  const model = trainBagOfWords(train, options);
  const id = scoreModel(model, testId, 'test_id');
  const ood = scoreModel(model, testOod, 'test_ood');
  return { id, ood, macroF1Gap: id.macroF1 - ood.macroF1 };
}
