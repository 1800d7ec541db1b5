// Named failures of the engine and its job machinery. Each one crosses the worker boundary with its
// own class (see error-transfer.ts).
import { LabError, registerLabError } from '../errors';

/** A long job was started while another one is still running. */
export class BusyError extends LabError {}
registerLabError(BusyError);

/** The person cancelled the job; nothing it produced after the last finished step is kept. */
export class CancelledError extends LabError {}
registerLabError(CancelledError);

/** A method that needs a backend was called before init(). */
export class EngineNotReadyError extends LabError {}
registerLabError(EngineNotReadyError);

/** setFlags() named a tfjs flag that does not exist. */
export class UnknownFlagError extends LabError {}
registerLabError(UnknownFlagError);

/** An engine method got an option outside its allowed range. */
export class InvalidOptionError extends LabError {}
registerLabError(InvalidOptionError);
