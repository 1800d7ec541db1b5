// kNN detector (Sun et al. 2022, "Out-of-distribution detection with deep nearest neighbors"):
// L2-normalise features; score = distance to the k-th nearest ID train row. Higher = more OOD.
import { OodInputError } from './errors';
import { knnDistancesExact } from './knn-exact';
import { DEFAULT_KNN_K, requestedKnnK } from './knn-defaults';
import { l2NormalizeRows, type Matrix, requireSameWidth, validateMatrix } from './matrix';

export { DEFAULT_KNN_K };

/** Below this many query x train pairs the pure TypeScript search is used: no backend round trip. */
export const EXACT_SEARCH_MAX_PAIRS = 50_000;

export interface KnnOptions {
  /** Neighbour rank whose distance is the score; capped by the number of train rows. Default 50. */
  k?: number;
  /** With a value, k = max(1, round(kFraction * train rows)) instead of `k`. Default null. */
  kFraction?: number | null;
}

export type KnnMethod = 'auto' | 'tf' | 'exact';

export interface KnnScoreOptions {
  /** `tf`: blocked matMul + topk on the active tfjs backend; `exact`: pure TypeScript; `auto`: exact for tiny inputs. */
  method?: KnnMethod;
  /** Query rows per matMul block on the tf path. Default 1024. */
  blockRows?: number;
}

export interface KnnDetector {
  readonly name: 'knn';
  /** The k in use (the requested k, capped by the train size). */
  readonly k: number;
  readonly trainRows: number;
  score(queries: Matrix, options?: KnnScoreOptions): Promise<Float64Array>;
  /** The pure TypeScript search, synchronous. */
  scoreExact(queries: Matrix): Float64Array;
}

export function fitKnn(features: Matrix, options: KnnOptions = {}): KnnDetector {
  const requested = requestedKnnK(options.k ?? DEFAULT_KNN_K, options.kFraction, features.rows);
  if (!Number.isInteger(requested) || requested < 1) {
    throw new OodInputError(`kNN: k = ${requested} is not a whole number of neighbours of at least 1.`, { k: requested });
  }
  validateMatrix(features, 'ID train features');
  if (features.rows === 0) throw new OodInputError('kNN: there are no ID train features to compare with.', { rows: 0 });
  const train = l2NormalizeRows(features);
  const k = Math.min(requested, train.rows);

  const prepare = (queries: Matrix): Matrix => {
    validateMatrix(queries, 'features to score');
    requireSameWidth(features, queries, 'ID train features', 'features to score');
    return l2NormalizeRows(queries);
  };

  return {
    name: 'knn',
    k,
    trainRows: train.rows,
    scoreExact: (queries) => knnDistancesExact(train, prepare(queries), k),
    async score(queries, scoreOptions = {}) {
      const method = scoreOptions.method ?? 'auto';
      const blockRows = scoreOptions.blockRows ?? 1024;
      if (!Number.isInteger(blockRows) || blockRows < 1) {
        throw new OodInputError(`kNN: blockRows = ${blockRows} is not a positive whole number.`, { blockRows });
      }
      const unitQueries = prepare(queries);
      if (unitQueries.rows === 0) return new Float64Array(0);
      const exact = method === 'exact' || (method === 'auto' && unitQueries.rows * train.rows <= EXACT_SEARCH_MAX_PAIRS);
      if (exact) return knnDistancesExact(train, unitQueries, k);
      // Loaded on demand so the pure path (and the page) never pulls in tfjs.
      const { knnDistancesTf } = await import('./knn-tf');
      return knnDistancesTf(train, unitQueries, k, blockRows);
    },
  };
}
