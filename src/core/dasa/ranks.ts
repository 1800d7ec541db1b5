// Order statistics for thresholds and rank combination.

/** The q-quantile with linear interpolation between order statistics (numpy's default, "type 7"). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

/**
 * Ranks scaled to [0, 1]: 0 for the smallest value, 1 for the largest; tied values share their
 * average rank. A single value gets 0.5.
 */
export function normalizedRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 1) out[0] = 0.5;
  if (n <= 1) return out;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const averageRank = (start + end - 1) / 2;
    for (let i = start; i < end; i++) out[order[i]] = averageRank / (n - 1);
    start = end;
  }
  return out;
}
