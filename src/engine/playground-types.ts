// The engine's playground methods: score one typed query-item pair with a stored checkpoint (grade
// probabilities, expected grade) and say how out-of-distribution it looks next to the dataset's ID
// data. Types only: the page imports this file without loading tfjs.
import type { Example, Grade, Item } from '../core/data/schema';
import type { AttentionEngine } from './attention-types';
import type { ScoreFileEngine } from './score-file-types';
import type { ProgressCallback } from '../core/job/progress';

export type PlaygroundDetector = 'mahalanobis' | 'knn';

export interface PlaygroundReferenceOptions {
  /** ID train pairs the detectors are fitted on (a seeded sample when the split is larger); default 1,000. */
  trainRows?: number;
  /** ID val pairs whose scores give the percentiles; default 500. */
  valRows?: number;
  /** kNN: the neighbour rank whose distance is the score (capped by the train rows); default 50. */
  k?: number;
  /** Share of ID val scores below the threshold (as DASA's threshold); default 0.95. */
  keep?: number;
}

/** The detectors fitted for one checkpoint and dataset, and the ID val scores the percentiles come from. */
export interface PlaygroundReference {
  checkpointId: string;
  datasetId: string;
  trainRows: number;
  /** Labelled examples in the train split. */
  trainTotal: number;
  valRows: number;
  valTotal: number;
  /** The Mahalanobis shrinkage applied and its classes; the kNN k in use. */
  mahalanobis: { shrinkage: number; classes: number[] };
  knn: { k: number };
  keep: number;
  /** Per detector, the `keep` quantile of the ID val scores: DASA's threshold. */
  thresholds: Record<PlaygroundDetector, number>;
  /** Seconds the fit took (features, fitting, ID val scores); 0 when it came from the cache. */
  seconds: number;
  cached: boolean;
}

export interface PlaygroundPair {
  query: string;
  item: Item;
}

export interface PlaygroundOodScore {
  detector: PlaygroundDetector;
  /** Higher means more OOD. */
  score: number;
  /** Percent of ID val pairs whose score is at most this one (0 to 100). */
  percentile: number;
  threshold: number;
  aboveThreshold: boolean;
}

export interface PlaygroundScore {
  /** P(grade 0), P(grade 1), P(grade 2). */
  probs: number[];
  /** sum_k k p_k / 2, in [0, 1]. */
  expectedGrade: number;
  /** The most probable grade. */
  grade: Grade;
  ood: PlaygroundOodScore[];
  /** Tokens of the relevance prompt, and the most the model reads (longer prompts are cut, keeping [CLS]). */
  promptTokens: number;
  contextLength: number;
  reference: PlaygroundReference;
}

export interface PlaygroundExample extends Pick<Example, 'id' | 'query' | 'item' | 'grade' | 'tags'> {
  split: 'test_id' | 'test_ood';
}

/** The playground's methods, with file scoring (score-file-types.ts) and attention maps (attention-types.ts). */
export interface PlaygroundEngine extends ScoreFileEngine, AttentionEngine {
  /**
   * Fits Mahalanobis and kNN on the pooled features of the dataset's ID train split for the
   * checkpoint, and scores ID val as the reference for percentiles. Runs as the engine's job (with
   * progress; cancel stops it) and is cached per checkpoint, dataset and options.
   */
  preparePlayground(checkpointId: string, datasetId: string, options?: PlaygroundReferenceOptions, onProgress?: ProgressCallback): Promise<PlaygroundReference>;
  /** One pair's grade probabilities, expected grade and OOD scores; fits the reference first when it is not cached. */
  scorePlaygroundPair(checkpointId: string, datasetId: string, pair: PlaygroundPair, options?: PlaygroundReferenceOptions): Promise<PlaygroundScore>;
  /** A few examples of the ID test and the OOD test splits, grades mixed, for the page to offer. */
  playgroundExamples(datasetId: string, options?: { perSplit?: number; seed?: number }): Promise<PlaygroundExample[]>;
  /** Frees the model the playground keeps loaded (the fitted detectors are plain arrays and stay cached). */
  releasePlayground(): Promise<void>;
}
