// Named failures of the job machinery. Each one crosses the worker boundary with its own class
// (see src/core/error-transfer.ts).
import { LabError, registerLabError } from '../errors';

/** A long job was started while another one is still running. */
export class BusyError extends LabError {}
registerLabError(BusyError);

/** The person cancelled the job; nothing it produced after the last finished step is kept. */
export class CancelledError extends LabError {}
registerLabError(CancelledError);
