// The kNN detector's default neighbour rank (knn.ts), and k given as a share of the fit set.
// No tfjs here: the page shows them as settings.
import { OodInputError } from './errors';

export const DEFAULT_KNN_K = 50;

/**
 * The neighbour rank asked for: `k`, or with `kFraction` set, max(1, round(kFraction * fitRows)),
 * so k keeps one meaning whether the detector is fitted on 500 rows or on all of ID train.
 * Either is capped by the fit rows later (knn.ts).
 */
export function requestedKnnK(k: number, kFraction: number | null | undefined, fitRows: number): number {
  if (kFraction === null || kFraction === undefined) return k;
  if (!(kFraction > 0 && kFraction <= 1)) {
    throw new OodInputError(`kNN: kFraction = ${kFraction} is not a share of the fit rows above 0 and at most 1.`, { kFraction });
  }
  return Math.max(1, Math.round(kFraction * fitRows));
}
