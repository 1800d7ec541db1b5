// Named failures of OOD scoring: inputs a person can fix (shapes, labels, settings).
import { LabError, registerLabError } from '../errors';

/** A feature matrix, label list or detector setting is malformed (wrong shape, NaN, k < 1, ...). */
export class OodInputError extends LabError {}
registerLabError(OodInputError);

/** The pooled covariance cannot be inverted (e.g. no shrinkage and fewer samples than dimensions). */
export class SingularCovarianceError extends LabError {}
registerLabError(SingularCovarianceError);
