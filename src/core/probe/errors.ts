// Named failures of the logistic-regression probe.
import { LabError, registerLabError } from '../errors';

/** The features, labels or solver settings given to the logistic fit cannot be used. */
export class LogisticFitInputError extends LabError {}
registerLabError(LogisticFitInputError);
