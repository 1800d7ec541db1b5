// Sufficient statistics of a set of scored rows for the bootstrap's metrics: the confusion counts,
// the ECE bin sums (same bins as src/core/metrics/ece.ts) and the NLL and Brier sums. Sums of
// disjoint row sets add up, so a resample of whole queries only adds up each query's sums.
import type { Grade } from '../data/schema';
import { classScores } from '../metrics/classification';
import { binIndex, ECE_BINS } from '../metrics/ece';
import { predictedGrade, topConfidence, NUM_GRADES } from '../metrics/probabilities';
import { NLL_EPSILON } from '../metrics/proper-scores';

export const BOOTSTRAP_METRICS = ['macro_f1', 'ece', 'nll', 'brier'] as const;
export type BootstrapMetric = (typeof BOOTSTRAP_METRICS)[number];

/** Lower is better for these; higher for the rest. */
export const LOWER_IS_BETTER: ReadonlySet<BootstrapMetric> = new Set(['ece', 'nll', 'brier']);

export interface ScoredRow {
  label: Grade;
  probs: ArrayLike<number>;
}

const CONFUSION = 0;
const BIN_COUNT = CONFUSION + NUM_GRADES * NUM_GRADES;
const BIN_CONFIDENCE = BIN_COUNT + ECE_BINS;
const BIN_CORRECT = BIN_CONFIDENCE + ECE_BINS;
const NLL_SUM = BIN_CORRECT + ECE_BINS;
const BRIER_SUM = NLL_SUM + 1;
/** Numbers in one block of sums. */
export const SUMS_LENGTH = BRIER_SUM + 1;

/** Adds the rows' sums into `into` at `offset` (a block of SUMS_LENGTH numbers). */
export function addRowSums(into: Float64Array, offset: number, rows: readonly ScoredRow[]): void {
  for (const { label, probs } of rows) {
    const predicted = predictedGrade(probs);
    into[offset + CONFUSION + label * NUM_GRADES + predicted] += 1;
    const confidence = topConfidence(probs);
    const bin = binIndex(confidence, ECE_BINS);
    into[offset + BIN_COUNT + bin] += 1;
    into[offset + BIN_CONFIDENCE + bin] += confidence;
    if (predicted === label) into[offset + BIN_CORRECT + bin] += 1;
    into[offset + NLL_SUM] -= Math.log(Math.max(probs[label], NLL_EPSILON));
    let brier = 0;
    for (let k = 0; k < NUM_GRADES; k++) brier += (probs[k] - (k === label ? 1 : 0)) ** 2;
    into[offset + BRIER_SUM] += brier;
  }
}

function rowCount(sums: Float64Array, offset: number): number {
  let n = 0;
  for (let i = 0; i < NUM_GRADES * NUM_GRADES; i++) n += sums[offset + CONFUSION + i];
  return n;
}

/** The metrics of the rows summed in one block; NaN for a block of no rows. */
export function metricsFromSums(sums: Float64Array, offset = 0): Record<BootstrapMetric, number> {
  const n = rowCount(sums, offset);
  if (n === 0) return { macro_f1: NaN, ece: NaN, nll: NaN, brier: NaN };
  const confusion = Array.from({ length: NUM_GRADES }, (_, t) => Array.from({ length: NUM_GRADES }, (_, p) => sums[offset + CONFUSION + t * NUM_GRADES + p]));
  const macroF1 = classScores(confusion).reduce((sum, s) => sum + s.f1, 0) / NUM_GRADES;
  let gaps = 0;
  for (let b = 0; b < ECE_BINS; b++) gaps += Math.abs(sums[offset + BIN_CORRECT + b] - sums[offset + BIN_CONFIDENCE + b]);
  return { macro_f1: macroF1, ece: gaps / n, nll: sums[offset + NLL_SUM] / n, brier: sums[offset + BRIER_SUM] / n };
}
