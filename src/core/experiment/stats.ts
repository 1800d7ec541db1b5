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
