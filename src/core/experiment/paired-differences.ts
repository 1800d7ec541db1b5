// report.json's pairedDifferences and claims: paired bootstrap intervals (bootstrap.ts) of variant
// differences on both test splits, from the variants' predictions on the same test rows.
import type { Example } from '../data/schema';
import { TEST_SPLITS, type TestSplit } from '../pipeline/stages/evaluate';
import type { Prediction } from '../pipeline/stages/predict';
import { createRng } from '../random';
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

export interface ClaimResult extends Claim {
  better: 'higher' | 'lower';
  mean: number;
  low: number;
  high: number;
  seeds: number;
  queries: number;
  verdict: ClaimVerdict;
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

function splitRows(report: ExperimentReport, split: TestSplit, examples: readonly Example[], read: PredictionsSource): BootstrapInput {
  const { variants } = report.config;
  const seeds = report.config.seeds.map(String);
  const byId = new Map(examples.map((example) => [example.id, example]));
  const rows: Record<string, Record<string, BootstrapInput['rows'][string][string]>> = {};
  for (const seed of seeds) {
    const first = read(variants[0], seed, split);
    for (const variant of variants) {
      const { predictions, source } = variant === variants[0] ? first : read(variant, seed, split);
      requireSameRows(predictions, source, first.predictions, first.source);
      (rows[variant] ??= {})[seed] = queryRows(predictions, byId, source);
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
    for (const claim of CLAIMS) {
      if (claim.split !== split || !report.config.variants.includes(claim.a) || !report.config.variants.includes(claim.b)) continue;
      const interval = pairedInterval(draws, claim.a, claim.b, claim.metric);
      claims.push({ ...claim, better: LOWER_IS_BETTER.has(claim.metric) ? 'lower' : 'higher', ...interval, seeds: draws.seeds, queries: draws.queries, verdict: claimVerdict(claim.metric, interval) });
    }
  }
  claims.sort((x, y) => CLAIMS.findIndex((c) => c.text === x.text) - CLAIMS.findIndex((c) => c.text === y.text));
  return { ...report, pairedDifferences, claims };
}
