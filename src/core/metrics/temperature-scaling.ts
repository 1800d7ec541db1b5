// Post-hoc temperature scaling (Guo et al. 2017): one temperature T for a trained model, fitted on
// validation rows by minimising the NLL of softmax(z / T); the arg-max, so every classification
// metric, is unchanged. The logits here are the natural logs of the model's probabilities: ln p is
// the logit minus a constant per row, which softmax ignores, so scaling ln p is scaling the logits
// (after LogitNorm, for a model trained with it), and the result can be recomputed from the
// stored predictions. The fit is a golden-section search on ln T, where the NLL is unimodal
// (it is convex in 1/T).
import type { Grade } from '../data/schema';
import { expectedCalibrationError } from './ece';
import { requireNonEmpty, requireSameLength } from './errors';
import { brierScore, negativeLogLikelihood, NLL_EPSILON } from './proper-scores';
import { NUM_GRADES, type GradeProbabilities } from './probabilities';

/** The search range of T; a fit on the edge means the data wanted more (or less) than this. */
export const TEMPERATURE_RANGE: readonly [number, number] = [0.01, 100];
const LOG_T_TOLERANCE = 1e-7;

/** softmax(ln p / T) of one row: p^(1/T) renormalised. A zero probability stays zero. */
export function temperatureScaled(probs: GradeProbabilities, temperature: number): number[] {
  const z = Array.from({ length: NUM_GRADES }, (_, k) => Math.log(probs[k]) / temperature);
  const max = Math.max(...z);
  const exps = z.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / total);
}

export function temperatureScaledRows(probs: readonly GradeProbabilities[], temperature: number): number[][] {
  return probs.map((row) => temperatureScaled(row, temperature));
}

/** The T in TEMPERATURE_RANGE that minimises the NLL of the scaled probabilities on these rows. */
export function fitTemperature(labels: readonly Grade[], probs: readonly GradeProbabilities[]): number {
  requireSameLength(labels, probs, 'temperature scaling', 'labels', 'probability rows');
  requireNonEmpty(labels.length, 'temperature scaling');
  const n = labels.length;
  const logs = new Float64Array(n * NUM_GRADES);
  for (let i = 0; i < n; i++) for (let k = 0; k < NUM_GRADES; k++) logs[i * NUM_GRADES + k] = Math.log(probs[i][k]);
  // negativeLogLikelihood of temperatureScaledRows, without building the rows at every step.
  const nll = (logT: number) => {
    const inverse = Math.exp(-logT);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const row = i * NUM_GRADES;
      const max = Math.max(logs[row], logs[row + 1], logs[row + 2]) * inverse;
      let total = 0;
      for (let k = 0; k < NUM_GRADES; k++) total += Math.exp(logs[row + k] * inverse - max);
      sum -= Math.log(Math.max(Math.exp(logs[row + labels[i]] * inverse - max) / total, NLL_EPSILON));
    }
    return sum / n;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(TEMPERATURE_RANGE[0]);
  let high = Math.log(TEMPERATURE_RANGE[1]);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = nll(a);
  let fb = nll(b);
  while (high - low > LOG_T_TOLERANCE) {
    if (fa <= fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = nll(a);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = nll(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/** The calibration metrics after scaling by T (classification metrics do not change). */
export interface TemperatureScaledScores {
  T: number;
  ece: number;
  nll: number;
  brier: number;
}

export function scoresAtTemperature(labels: readonly Grade[], probs: readonly GradeProbabilities[], temperature: number): TemperatureScaledScores {
  const scaled = temperatureScaledRows(probs, temperature);
  return { T: temperature, ece: expectedCalibrationError(labels, scaled), nll: negativeLogLikelihood(labels, scaled), brier: brierScore(labels, scaled) };
}
