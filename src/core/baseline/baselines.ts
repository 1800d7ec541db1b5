// The classical baselines every comparison shows beside the transformer: the overlap baseline
// (overlap-model.ts, the bar the transformer must clear) and the bag-of-words baseline
// (bag-of-words.ts). Each is fitted on train and nothing else, and scored on test_id and test_ood
// with the same metric functions the pipeline's Evaluate stage uses (evaluateSplit), so their rows
// stand beside the variants'. Deterministic given the data: no model seed enters.
import type { Example } from '../data/schema';
import { evaluateSplit, type SplitMetrics } from '../metrics/evaluate-split';
import { labelledExamples, trainBagOfWords, type BagOfWordsOptions } from './bag-of-words';
import { trainOverlapModel, type OverlapModelSettings } from './overlap-model';

export const BASELINES = ['overlap', 'bag-of-words'] as const;
export type BaselineName = (typeof BASELINES)[number];

export const BASELINE_DESCRIPTIONS: Record<BaselineName, string> = {
  overlap: 'query-item word overlap, BM25, trigram and number features with gradient-boosted trees, fitted on train',
  'bag-of-words': 'hashed bag of words with softmax regression, fitted on train',
};

export interface BaselineResult {
  test_id: SplitMetrics;
  test_ood: SplitMetrics;
  id_ood_gap: { macro_f1: number };
  /** Seconds to fit on train and score both test splits. */
  seconds: number;
}

export type BaselineResults = Record<BaselineName, BaselineResult>;

export interface BaselineData {
  train: readonly Example[];
  test_id: readonly Example[];
  test_ood: readonly Example[];
}

export interface BaselineOptions {
  overlap?: OverlapModelSettings;
  bagOfWords?: Partial<BagOfWordsOptions>;
}

type Scorer = (query: string, item: Example['item']) => readonly number[];

function scoreSplit(probabilities: Scorer, examples: readonly Example[], what: string): SplitMetrics {
  return evaluateSplit(labelledExamples(examples, what).map((example) => ({ id: example.id, query: example.query, label: example.grade!, probs: probabilities(example.query, example.item) })));
}

function measure(fit: () => Scorer, data: BaselineData): BaselineResult {
  const started = performance.now();
  const probabilities = fit();
  const test_id = scoreSplit(probabilities, data.test_id, 'test_id');
  const test_ood = scoreSplit(probabilities, data.test_ood, 'test_ood');
  return { test_id, test_ood, id_ood_gap: { macro_f1: test_id.macro_f1 - test_ood.macro_f1 }, seconds: (performance.now() - started) / 1000 };
}

/** Fits each baseline on data.train and scores test_id and test_ood. */
export function measureBaselines(data: BaselineData, options: BaselineOptions = {}): BaselineResults {
  return {
    overlap: measure(() => trainOverlapModel(data.train, options.overlap).probabilities, data),
    'bag-of-words': measure(() => trainBagOfWords(data.train, options.bagOfWords).probabilities, data),
  };
}
