// Named failures of the engine; the job machinery's own are in src/core/job/errors.ts. Each one
// crosses the worker boundary with its own class (see src/core/error-transfer.ts).
import { LabError, registerLabError } from '../core/errors';

/** A method that needs a backend was called before init(). */
export class EngineNotReadyError extends LabError {}
registerLabError(EngineNotReadyError);

/** setFlags() named a tfjs flag that does not exist. */
export class UnknownFlagError extends LabError {}
registerLabError(UnknownFlagError);

/** An engine method got an option outside its allowed range. */
export class InvalidOptionError extends LabError {}
registerLabError(InvalidOptionError);
