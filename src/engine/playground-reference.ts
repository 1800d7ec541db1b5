// The playground's OOD reference for one checkpoint and dataset: Mahalanobis and kNN fitted on the
// pooled [CLS] features of (a seeded sample of) ID train, and the ID val scores that turn a pair's
// score into a percentile. Kept in a small cache, so typing never refits.
import { pairMatchingFor } from '../core/training/loop/pair-matches';
import { headInputSize } from '../core/model/gpt';
import { quantile } from '../core/dasa/ranks';
import type { Example } from '../core/data/schema';
import { fitKnn, type KnnDetector } from '../core/ood/knn';
import { fitMahalanobis, type MahalanobisDetector } from '../core/ood/mahalanobis';
import type { Matrix } from '../core/ood/matrix';
import { createRng } from '../core/random';
import { encodePairs } from '../core/training/loop/encode';
import type { GradientPool } from '../core/parallel/gradient-pool';
import { runInference } from '../core/training/loop/inference';
import { InvalidOptionError } from './errors';
import type { LoadedModel } from './model-scoring';
import type { PlaygroundDetector, PlaygroundReference, PlaygroundReferenceOptions } from './playground-types';
import { integerInRange, numberInRange } from './validate';

export type ResolvedReferenceOptions = Required<PlaygroundReferenceOptions>;

export function resolveReferenceOptions(options: PlaygroundReferenceOptions = {}): ResolvedReferenceOptions {
  return {
    trainRows: integerInRange('trainRows', options.trainRows ?? 1000, 4, 100_000),
    valRows: integerInRange('valRows', options.valRows ?? 500, 1, 100_000),
    k: integerInRange('k', options.k ?? 50, 1, 10_000),
    keep: numberInRange('keep', options.keep ?? 0.95, 0, 0.9999),
  };
}

export interface FittedReference {
  summary: Omit<PlaygroundReference, 'cached'>;
  mahalanobis: MahalanobisDetector;
  knn: KnnDetector;
  /** ID val scores per detector, ascending. */
  valScores: Record<PlaygroundDetector, Float64Array>;
}

/** At most `max` rows, a seeded sample in their original order. */
export function sampleRows<T>(rows: readonly T[], max: number, seed: string): T[] {
  if (rows.length <= max) return rows.slice();
  const picked = createRng(seed).shuffle(rows.map((_, index) => index)).slice(0, max).sort((a, b) => a - b);
  return picked.map((index) => rows[index]);
}

/** Percent of the (ascending) scores at most `value`. */
export function percentileOf(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return sorted.length === 0 ? NaN : (100 * low) / sorted.length;
}

export async function pooledFeatures(
  loaded: LoadedModel,
  examples: readonly Pick<Example, 'query' | 'item'>[],
  onBatch?: (done: number) => Promise<void>,
  pool: GradientPool | null = null,
): Promise<Matrix> {
  const { config } = loaded.model;
  const sequences = encodePairs(loaded.tokenizer, examples, config.contextLength, pairMatchingFor(config));
  const out = await runInference(loaded.model, sequences, { pooled: true, batchSize: 32, onBatch: onBatch ? (done) => onBatch(done) : undefined, pool });
  return { data: out.pooled!, rows: out.rows, cols: headInputSize(config) };
}

export interface ReferenceData {
  checkpointId: string;
  datasetId: string;
  datasetName: string;
  train: readonly Example[];
  val: readonly Example[];
}

/** Features of ID train and val, the two detectors, and the sorted ID val scores. `onRows` reports rows done of train + val. */
export async function fitReference(
  loaded: LoadedModel,
  data: ReferenceData,
  options: ResolvedReferenceOptions,
  onRows: (done: number, total: number) => Promise<void>,
  pool: GradientPool | null = null,
): Promise<FittedReference> {
  const started = performance.now();
  const labelled = data.train.filter((example) => example.grade !== null);
  if (labelled.length < 4) {
    throw new InvalidOptionError(`Dataset "${data.datasetName}" has ${labelled.length} graded train examples; the OOD detectors need at least 4 (Mahalanobis fits one mean per grade).`, { datasetId: data.datasetId });
  }
  if (data.val.length === 0) {
    throw new InvalidOptionError(`Dataset "${data.datasetName}" has no val split: the OOD percentiles are taken among ID val scores.`, { datasetId: data.datasetId });
  }
  const train = sampleRows(labelled, options.trainRows, `playground/${data.datasetId}/train`);
  const val = sampleRows(data.val, options.valRows, `playground/${data.datasetId}/val`);
  const total = train.length + val.length;
  const trainFeatures = await pooledFeatures(loaded, train, (done) => onRows(done, total), pool);
  const valFeatures = await pooledFeatures(loaded, val, (done) => onRows(train.length + done, total), pool);
  const mahalanobis = fitMahalanobis(trainFeatures, Int32Array.from(train, (example) => example.grade!));
  const knn = fitKnn(trainFeatures, { k: options.k });
  const valScores = {
    mahalanobis: mahalanobis.score(valFeatures).sort(),
    knn: (await knn.score(valFeatures)).sort(),
  };
  return {
    mahalanobis,
    knn,
    valScores,
    summary: {
      checkpointId: data.checkpointId,
      datasetId: data.datasetId,
      trainRows: train.length,
      trainTotal: labelled.length,
      valRows: val.length,
      valTotal: data.val.length,
      mahalanobis: { shrinkage: mahalanobis.shrinkage, classes: [...mahalanobis.classes] },
      knn: { k: knn.k },
      keep: options.keep,
      thresholds: { mahalanobis: quantile(valScores.mahalanobis, options.keep), knn: quantile(valScores.knn, options.keep) },
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** The last few fitted references, newest last. Keys name checkpoint and dataset versions and the options. */
export class ReferenceCache {
  readonly #entries = new Map<string, FittedReference>();
  constructor(private readonly capacity = 3) {}

  get(key: string): FittedReference | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: FittedReference): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
