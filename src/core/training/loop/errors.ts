// Named failures of the trainer. Each one says what went wrong and what to try.
import { LabError, registerLabError } from '../../errors';

/**
 * A training step produced a non-finite loss or gradient norm. The stage stops; the model is
 * rolled back to the last good checkpoint when there is one (details.rolledBackToStep).
 */
export class NonFiniteLossError extends LabError {}
registerLabError(NonFiniteLossError);

/** The data, step count or settings given to a training stage or to scoring cannot be used. */
export class TrainerInputError extends LabError {}
registerLabError(TrainerInputError);

/**
 * The weights after a step's update hold NaN or Infinity although its loss and gradient norm were
 * finite (the update itself overflowed). Caught before any save: the stage stops and the model is
 * rolled back to the last good checkpoint (details.rolledBackToStep).
 */
export class NonFiniteWeightsError extends LabError {}
registerLabError(NonFiniteWeightsError);
