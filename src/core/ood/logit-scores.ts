// Reference detectors from classifier logits (OpenOOD "msp" and "ebo"), signed so that higher = more OOD.
import { OodInputError } from './errors';
import { type Matrix, validateMatrix } from './matrix';

function logSumExp(row: ArrayLike<number>, offset: number, cols: number, temperature: number): number {
  let max = -Infinity;
  for (let c = 0; c < cols; c++) max = Math.max(max, row[offset + c] / temperature);
  let sum = 0;
  for (let c = 0; c < cols; c++) sum += Math.exp(row[offset + c] / temperature - max);
  return max + Math.log(sum);
}

/** MSP (Hendrycks & Gimpel 2017): 1 - max_c softmax(logits)_c. */
export function mspScores(logits: Matrix): Float64Array {
  validateMatrix(logits, 'logits');
  const scores = new Float64Array(logits.rows);
  for (let r = 0; r < logits.rows; r++) {
    const offset = r * logits.cols;
    let max = -Infinity;
    for (let c = 0; c < logits.cols; c++) max = Math.max(max, logits.data[offset + c]);
    // max softmax = exp(max - lse) = 1 / sum_c exp(l_c - max).
    let sum = 0;
    for (let c = 0; c < logits.cols; c++) sum += Math.exp(logits.data[offset + c] - max);
    scores[r] = 1 - 1 / sum;
  }
  return scores;
}

/** Energy (Liu et al. 2020): E(x) = -T * logsumexp(logits / T). ID samples have lower energy. */
export function energyScores(logits: Matrix, temperature = 1): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new OodInputError(`Energy: temperature ${temperature} must be a positive number.`, { temperature });
  }
  validateMatrix(logits, 'logits');
  const scores = new Float64Array(logits.rows);
  for (let r = 0; r < logits.rows; r++) scores[r] = -temperature * logSumExp(logits.data, r * logits.cols, logits.cols, temperature);
  return scores;
}
