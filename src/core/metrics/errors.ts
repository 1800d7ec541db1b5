// Named errors of the evaluation metrics (docs/METRICS.md, "Errors").
import { LabError, registerLabError } from '../errors';

/** Input a metric cannot use: wrong lengths, a label or probability out of range, a missing query. */
export class MetricInputError extends LabError {}
registerLabError(MetricInputError);

/** A metric was asked for on no examples at all: there is nothing to average. */
export class EmptyMetricInputError extends MetricInputError {}
registerLabError(EmptyMetricInputError);

export function requireNonEmpty(count: number, what: string): void {
  if (count === 0) throw new EmptyMetricInputError(`${what}: no examples to evaluate; check that the split is not empty`, { what });
}

export function requireSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new MetricInputError(`${what}: ${a.length} ${aName} but ${b.length} ${bName}; they must pair up`, { what, [aName]: a.length, [bName]: b.length });
  }
}

/** Scores must be ordered, so NaN is refused; +-Infinity sort as expected and are kept. */
export function requireOrderedScores(scores: ArrayLike<number>, what: string): void {
  for (let i = 0; i < scores.length; i++) {
    if (typeof scores[i] !== 'number' || Number.isNaN(scores[i])) {
      throw new MetricInputError(`${what}: score at position ${i} is ${scores[i]}; scores must be numbers, not NaN`, { what, index: i, score: scores[i] });
    }
  }
}
