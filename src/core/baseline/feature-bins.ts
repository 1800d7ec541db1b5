// Histogram split candidates for the trees: each feature's training values are cut into at most
// `maxBins` bins at quantiles (every distinct value its own bin when there are few), and a tree
// splits a feature only between bins. A threshold is the midpoint between the two distinct values
// it separates, so `x <= threshold` on a raw value agrees with the bin a training value fell in.

export interface FeatureBins {
  /** thresholds[f]: increasing; bin of x = number of thresholds below x. */
  thresholds: Float64Array[];
  /** bins[f][row]: the row's bin of feature f (column-major: splitting rows reads one feature). */
  bins: Uint8Array[];
  /**
   * The bins row-major, numbered across features (feature f's bins follow feature f-1's), for the
   * features that have more than one bin: rows[row * active.length + j] is the row's bin of feature
   * active[j], plus the first bin number of that feature. Building a histogram reads whole rows.
   */
  rows: Uint16Array;
  /** Features with at least one threshold (a constant feature never splits). */
  active: Int32Array;
  /** firstBin[f]: the number of feature f's first bin; firstBin[features] is the number of bins. */
  firstBin: Int32Array;
}

export const MAX_BINS_LIMIT = 256;
/** Bins of all features together are numbered in 16 bits. */
const MAX_TOTAL_BINS = 65_536;

function featureThresholds(values: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const distinct: number[] = [];
  const upTo: number[] = []; // rows with a value <= distinct[i]
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
    upTo[distinct.length - 1] = i + 1;
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 0; i + 1 < distinct.length; i++) cuts.push(i);
  } else {
    // Cut after the distinct value where the running count first reaches each quantile.
    let next = 1;
    for (let i = 0; i + 1 < distinct.length && next < maxBins; i++) {
      if (upTo[i] >= (next * sorted.length) / maxBins) {
        cuts.push(i);
        while (next < maxBins && upTo[i] >= (next * sorted.length) / maxBins) next++;
      }
    }
  }
  return Float64Array.from(cuts, (i) => (distinct[i] + distinct[i + 1]) / 2);
}

/** Bin of x: the number of thresholds strictly below it (binary search). */
export function binOf(thresholds: Float64Array, x: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (thresholds[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bins the rows (each an array of the same features) for training. */
export function fitFeatureBins(rows: readonly ArrayLike<number>[], maxBins: number): FeatureBins {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS_LIMIT) throw new RangeError(`maxBins must be a whole number in 2..${MAX_BINS_LIMIT}, got ${maxBins}`);
  const features = rows.length === 0 ? 0 : rows[0].length;
  const thresholds: Float64Array[] = [];
  const bins: Uint8Array[] = [];
  for (let f = 0; f < features; f++) {
    const column = Float64Array.from(rows, (row) => row[f]);
    const cut = featureThresholds(column, maxBins);
    thresholds.push(cut);
    bins.push(Uint8Array.from(column, (x) => binOf(cut, x)));
  }
  const firstBin = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) firstBin[f + 1] = firstBin[f] + thresholds[f].length + 1;
  if (firstBin[features] > MAX_TOTAL_BINS) throw new RangeError(`${features} features of up to ${maxBins} bins are more than ${MAX_TOTAL_BINS} bins in all`);
  const active = Int32Array.from(thresholds.map((cut, f) => (cut.length > 0 ? f : -1)).filter((f) => f >= 0));
  const byRow = new Uint16Array(rows.length * active.length);
  active.forEach((f, j) => {
    const column = bins[f];
    for (let row = 0; row < rows.length; row++) byRow[row * active.length + j] = firstBin[f] + column[row];
  });
  return { thresholds, bins, rows: byRow, active, firstBin };
}
