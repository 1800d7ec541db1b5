// report.json's pairedDifferences and claims: paired bootstrap intervals (bootstrap.ts) of variant
// differences on both test splits, from the variants' predictions on the same test rows.
import type { Example } from '../data/schema';
import { TEST_SPLITS, type TestSplit } from '../pipeline/stages/evaluate';
import type { Prediction } from '../pipeline/stages/predict';
import { createRng } from '../random';
import { meanInterval } from './stats';
import { temperatureScaled } from '../metrics/temperature-scaling';
import { BOOTSTRAP_METHOD, BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, bootstrapVariants, pairedInterval, type BootstrapInput } from './bootstrap';
import { CLAIMS, claimVerdict, type Claim, type ClaimVerdict } from './claims';
import { queryRows, requireSameRows } from './prediction-rows';
import type { ExperimentReport } from './report';
import { BOOTSTRAP_METRICS, LOWER_IS_BETTER, type BootstrapMetric } from './score-sums';

export interface PairedDifference {
  a: string;
  b: string;
  split: TestSplit;
  metric: BootstrapMetric;
  /** mean(a) - mean(b) over seeds on all test rows; low and high: the 95% bootstrap interval. */
  mean: number;
  low: number;
  high: number;
  replicates: number;
  seeds: number;
  queries: number;
  method: typeof BOOTSTRAP_METHOD;
  rng_seed: number;
}

/** A paired difference on the OOD test rows that carry one shift tag (a row may carry several). */
export interface ShiftDifference extends PairedDifference {
  shift: string;
}

export interface ClaimResult extends Claim {
  better: 'higher' | 'lower';
  mean: number;
  low: number;
  high: number;
  seeds: number;
  queries: number;
  verdict: ClaimVerdict;
  /** The same difference's 95% t-interval over the model seeds alone (per-seed metrics on all rows) and its verdict, for comparison. */
  seedT: { low: number; high: number; n: number; verdict: ClaimVerdict } | null;
}

function seedTInterval(report: ExperimentReport, claim: Claim): ClaimResult['seedT'] {
  const ra = report.results?.[claim.a];
  const rb = report.results?.[claim.b];
  if (!ra || !rb) return null;
  const value = (perSeed: (typeof ra)[string]) => {
    // Every bootstrap metric is a number field of both the split metrics and the temperature-scaled scores.
    const metrics: Partial<Record<BootstrapMetric, number | null>> | undefined = claim.temperatureScaled ? perSeed.temperature_scaled?.[claim.split] : perSeed[claim.split];
    return metrics?.[claim.metric] ?? NaN;
  };
  const values = Object.keys(ra)
    .filter((seed) => seed in rb)
    .map((seed) => value(ra[seed]) - value(rb[seed]))
    .filter((value) => Number.isFinite(value));
  const interval = meanInterval(values);
  return interval && { low: interval.low, high: interval.high, n: interval.n, verdict: claimVerdict(claim.metric, interval) };
}

export interface BootstrapOptions {
  replicates?: number;
  seed?: number;
}

/** A predictions source: the rows of one variant, seed and split, and a name for errors (a file path). */
export type PredictionsSource = (variant: string, seed: string, split: TestSplit) => { predictions: readonly Prediction[]; source: string };

/** The pairs compared: every claim's pair whose variants ran, then each other variant minus darl and minus ce-ft. */
export function comparedPairs(variants: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  const known = (a: string, b: string) => pairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  const add = (a: string, b: string) => {
    if (a !== b && variants.includes(a) && variants.includes(b) && !known(a, b)) pairs.push([a, b]);
  };
  for (const claim of CLAIMS) add(claim.a, claim.b);
  for (const reference of ['darl', 'ce-ft']) for (const variant of variants) add(variant, reference);
  return pairs;
}

/** The metrics compared within one shift (subsets are small: the headline metric and calibration). */
const SHIFT_METRICS: readonly BootstrapMetric[] = ['macro_f1', 'ece'];

/** The shift tags of the OOD test rows, sorted. */
export function shiftTags(examples: readonly Example[]): string[] {
  return [...new Set(examples.flatMap((example) => example.tags))].sort();
}

/** Each variant's temperature at a seed (report.json's temperature_scaled.T), or null when the report has none. */
function temperatureOf(report: ExperimentReport, variant: string, seed: string, split: TestSplit): number | null {
  return report.results?.[variant]?.[seed]?.temperature_scaled?.[split]?.T ?? null;
}

function splitRows(report: ExperimentReport, split: TestSplit, examples: readonly Example[], read: PredictionsSource, shift: string | null = null, scaled = false): BootstrapInput {
  const { variants } = report.config;
  const seeds = report.config.seeds.map(String);
  const byId = new Map(examples.map((example) => [example.id, example]));
  const kept = (rows: readonly Prediction[]) => (shift === null ? rows : rows.filter((row) => byId.get(row.id)?.tags.includes(shift) ?? true));
  const rows: Record<string, Record<string, BootstrapInput['rows'][string][string]>> = {};
  for (const seed of seeds) {
    const first = read(variants[0], seed, split);
    for (const variant of variants) {
      const { predictions, source } = variant === variants[0] ? first : read(variant, seed, split);
      requireSameRows(predictions, source, first.predictions, first.source);
      // The caller asks for scaled rows only when every variant has its temperature at every seed.
      const temperature = scaled ? temperatureOf(report, variant, seed, split) : null;
      const used = temperature === null ? kept(predictions) : kept(predictions).map((row) => ({ ...row, probs: temperatureScaled(row.probs, temperature) as Prediction['probs'] }));
      (rows[variant] ??= {})[seed] = queryRows(used, byId, source);
    }
  }
  return { seeds, variants, rows };
}

/** The report with pairedDifferences and claims computed from the variants' test predictions. */
export function withPairedDifferences(report: ExperimentReport, tests: Record<TestSplit, readonly Example[]>, read: PredictionsSource, options: BootstrapOptions = {}): ExperimentReport {
  const replicates = options.replicates ?? BOOTSTRAP_REPLICATES;
  const rngSeed = options.seed ?? BOOTSTRAP_SEED;
  const pairs = comparedPairs(report.config.variants);
  const rng = createRng(rngSeed);
  const pairedDifferences: PairedDifference[] = [];
  const claims: ClaimResult[] = [];
  for (const split of TEST_SPLITS) {
    const draws = bootstrapVariants(splitRows(report, split, tests[split], read), replicates, rng.fork(split));
    const common = { replicates, seeds: draws.seeds, queries: draws.queries };
    for (const [a, b] of pairs) {
      for (const metric of BOOTSTRAP_METRICS) pairedDifferences.push({ a, b, split, metric, ...pairedInterval(draws, a, b, metric), ...common, method: BOOTSTRAP_METHOD, rng_seed: rngSeed });
    }
    // Temperature-scaled claims need every variant's temperature at every seed (older reports have none: skipped).
    const temperatures = report.config.variants.every((variant) => report.config.seeds.every((seed) => temperatureOf(report, variant, String(seed), split) !== null));
    const scaledClaims = temperatures && CLAIMS.some((claim) => claim.temperatureScaled && claim.split === split && report.config.variants.includes(claim.a) && report.config.variants.includes(claim.b));
    const scaledDraws = scaledClaims ? bootstrapVariants(splitRows(report, split, tests[split], read, null, true), replicates, rng.fork(`${split}/temperature-scaled`)) : null;
    for (const claim of CLAIMS) {
      if (claim.split !== split || !report.config.variants.includes(claim.a) || !report.config.variants.includes(claim.b)) continue;
      if (claim.temperatureScaled && !scaledDraws) continue;
      const interval = pairedInterval(claim.temperatureScaled ? scaledDraws! : draws, claim.a, claim.b, claim.metric);
      claims.push({ ...claim, better: LOWER_IS_BETTER.has(claim.metric) ? 'lower' : 'higher', ...interval, seeds: draws.seeds, queries: draws.queries, verdict: claimVerdict(claim.metric, interval), seedT: seedTInterval(report, claim) });
    }
  }
  claims.sort((x, y) => CLAIMS.findIndex((c) => c.text === x.text) - CLAIMS.findIndex((c) => c.text === y.text));
  const pairedDifferencesByShift: ShiftDifference[] = [];
  for (const shift of shiftTags(tests.test_ood)) {
    const draws = bootstrapVariants(splitRows(report, 'test_ood', tests.test_ood, read, shift), replicates, rng.fork(`test_ood/${shift}`));
    const common = { split: 'test_ood' as const, replicates, seeds: draws.seeds, queries: draws.queries, method: BOOTSTRAP_METHOD as typeof BOOTSTRAP_METHOD, rng_seed: rngSeed };
    for (const [a, b] of pairs) for (const metric of SHIFT_METRICS) pairedDifferencesByShift.push({ shift, a, b, metric, ...pairedInterval(draws, a, b, metric), ...common });
  }
  return { ...report, pairedDifferences, claims, pairedDifferencesByShift };
}
