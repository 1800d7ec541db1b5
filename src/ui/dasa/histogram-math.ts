// The numbers behind the OOD score histogram: the shared range of the two score sets, equal-width bins,
// a keyboard step that reads well, and how many scores lie above a threshold (the lab's rule: a score
// strictly above the detector's threshold counts as OOD, docs/OOD.md).

export interface ScoreRange {
  min: number;
  max: number;
}

/** Smallest and largest finite score over all sets; a single value is widened to +-0.5 so it can be drawn. */
export function scoreRange(...sets: ArrayLike<number>[]): ScoreRange | null {
  let min = Infinity;
  let max = -Infinity;
  for (const set of sets) {
    for (let i = 0; i < set.length; i++) {
      const value = set[i];
      if (!Number.isFinite(value)) continue;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (min === Infinity) return null;
  if (min === max) return { min: min - 0.5, max: max + 0.5 };
  return { min, max };
}

export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
}

/** Equal-width bins over the range: [lower, upper), the last bin closed. Non-finite values are left out. */
export function histogram(values: ArrayLike<number>, range: ScoreRange, bins: number): HistogramBin[] {
  const width = (range.max - range.min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value) || value < range.min || value > range.max) continue;
    counts[Math.min(bins - 1, Math.floor((value - range.min) / width))] += 1;
  }
  return counts.map((count, b) => ({ lower: range.min + b * width, upper: b === bins - 1 ? range.max : range.min + (b + 1) * width, count }));
}

/** Scores strictly above the threshold (Infinity counts, NaN does not). */
export function countAbove(values: ArrayLike<number>, threshold: number): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > threshold) count += 1;
  return count;
}

/** 1, 2 or 5 times a power of ten, the nearest at or below `roughly`. */
export function niceStep(roughly: number): number {
  if (!(roughly > 0) || !Number.isFinite(roughly)) return 1;
  const power = 10 ** Math.floor(Math.log10(roughly));
  const scaled = roughly / power;
  return (scaled >= 5 ? 5 : scaled >= 2 ? 2 : 1) * power;
}

/** Decimal places a step needs (0.05 -> 2). */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** Rounds to a multiple of the step, without float residue (2.6000000000000001 -> 2.6). */
export function snapToStep(value: number, step: number): number {
  return Number((Math.round(value / step) * step).toFixed(stepDecimals(step)));
}
