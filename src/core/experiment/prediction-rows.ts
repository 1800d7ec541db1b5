// A variant's predictions joined to the test examples they score: each row gets its query (the
// bootstrap's cluster). Every variant must score the same rows at a seed, or differences are not paired.
import type { Example } from '../data/schema';
import { LabError, registerLabError } from '../errors';
import type { Prediction } from '../pipeline/stages/predict';
import type { QueryRow } from './bootstrap';

/** A predictions file whose ids are not the data's test rows, or not the same rows as another variant's at that seed. */
export class PredictionsMismatchError extends LabError {}
registerLabError(PredictionsMismatchError);

export function queryRows(predictions: readonly Prediction[], examplesById: ReadonlyMap<string, Example>, source: string): QueryRow[] {
  return predictions.map((prediction, line) => {
    const example = examplesById.get(prediction.id);
    if (!example) throw new PredictionsMismatchError(`${source} row ${line + 1}: id "${prediction.id}" is not a row of the data's test split (wrong --data, or predictions of other data?)`, { source, line: line + 1, id: prediction.id });
    if (example.grade !== prediction.label) throw new PredictionsMismatchError(`${source} row ${line + 1}: id "${prediction.id}" has label ${prediction.label} but the data grades it ${example.grade}`, { source, line: line + 1, id: prediction.id });
    return { query: example.query, label: prediction.label, probs: prediction.probs };
  });
}

/** Throws unless `predictions` score exactly the rows of `reference`, in the same order. */
export function requireSameRows(predictions: readonly Prediction[], source: string, reference: readonly Prediction[], referenceSource: string): void {
  const differs = predictions.length !== reference.length || predictions.some((prediction, i) => prediction.id !== reference[i].id);
  if (differs) {
    throw new PredictionsMismatchError(`${source} does not score the same rows as ${referenceSource} (${predictions.length} vs ${reference.length} rows, or other ids): paired differences need the same test rows for every variant at a seed`, { source, referenceSource });
  }
}
