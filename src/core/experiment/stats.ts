// Mean and spread over seeds.

export interface SeedStat {
  mean: number | null;
  /** Sample standard deviation (n - 1); null with fewer than two values. */
  std: number | null;
  /** Seeds with a value (null values, e.g. an undefined AUC, are left out). */
  n: number;
}

export function seedStat(values: readonly (number | null | undefined)[]): SeedStat {
  const present = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  const n = present.length;
  if (n === 0) return { mean: null, std: null, n: 0 };
  const mean = present.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, std: null, n };
  const variance = present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  return { mean, std: Math.sqrt(variance), n };
}

/** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom (95% intervals). */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface MeanInterval {
  mean: number;
  /** The 95% t-interval of the mean: mean -/+ t(0.975, n - 1) * std / sqrt(n). */
  low: number;
  high: number;
  n: number;
}

/** The mean of `values` (e.g. one difference per seed) with its 95% t-interval; null with fewer than two values. */
export function meanInterval(values: readonly number[]): MeanInterval | null {
  const { mean, std, n } = seedStat(values);
  if (mean === null || std === null) return null;
  const t = n - 1 <= T_975.length ? T_975[n - 2] : 1.96;
  const half = (t * std) / Math.sqrt(n);
  return { mean, low: mean - half, high: mean + half, n };
}
