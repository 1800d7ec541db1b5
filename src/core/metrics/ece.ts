// Expected calibration error on the top-class confidence (Guo et al. 2017; the 15-bin
// standard): bins are equal-width on [0, 1], bin b holds confidences in (b/B, (b+1)/B], the
// first bin also holds 0. ECE = sum_b (n_b / n) |accuracy_b - confidence_b|.
import type { Grade } from '../data/schema';
import { MetricInputError, requireNonEmpty, requireSameLength } from './errors';
import { predictedGrade, topConfidence, type GradeProbabilities } from './probabilities';

export const ECE_BINS = 15;

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean top-class confidence of the bin; null when the bin is empty. */
  confidence: number | null;
  /** Share of the bin's predictions that are right; null when the bin is empty. */
  accuracy: number | null;
}

export interface CalibrationReport {
  ece: number;
  reliability: ReliabilityBin[];
}

/** Index of the bin (lo, hi] holding a confidence in [0, 1]; edges are exactly b / bins. */
export function binIndex(confidence: number, bins: number): number {
  let b = Math.ceil(confidence * bins) - 1;
  // Correct the rare off-by-one of the float product against the edge b / bins itself.
  if (b >= 0 && confidence <= b / bins) b -= 1;
  else if (confidence > (b + 1) / bins) b += 1;
  return Math.min(bins - 1, Math.max(0, b));
}

export function calibration(labels: ArrayLike<Grade>, probs: ArrayLike<GradeProbabilities>, bins = ECE_BINS): CalibrationReport {
  if (!Number.isInteger(bins) || bins < 1) throw new MetricInputError(`ECE: number of bins must be a positive integer, got ${bins}`, { bins });
  requireSameLength(labels, probs, 'ECE', 'labels', 'probability rows');
  requireNonEmpty(labels.length, 'ECE');
  const counts = new Float64Array(bins);
  const confidenceSums = new Float64Array(bins);
  const correctCounts = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const confidence = topConfidence(probs[i]);
    const b = binIndex(confidence, bins);
    counts[b] += 1;
    confidenceSums[b] += confidence;
    if (predictedGrade(probs[i]) === labels[i]) correctCounts[b] += 1;
  }
  let ece = 0;
  const reliability: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const count = counts[b];
    const confidence = count ? confidenceSums[b] / count : null;
    const accuracy = count ? correctCounts[b] / count : null;
    if (count) ece += (count / labels.length) * Math.abs(accuracy! - confidence!);
    reliability.push({ lower: b / bins, upper: (b + 1) / bins, count, confidence, accuracy });
  }
  return { ece, reliability };
}

export function expectedCalibrationError(labels: ArrayLike<Grade>, probs: ArrayLike<GradeProbabilities>, bins = ECE_BINS): number {
  return calibration(labels, probs, bins).ece;
}
