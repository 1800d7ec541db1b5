// Named failures of the 2-D projection: inputs a person (or the engine) can fix.
import { LabError, registerLabError } from '../errors';

/** The matrix to project is malformed (wrong shape, a non-finite value, too few rows) or an option is out of range. */
export class ProjectionInputError extends LabError {}
registerLabError(ProjectionInputError);
