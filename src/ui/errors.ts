// Failures that happen on the page itself (not inside the engine).
import { LabError, registerLabError } from '../core/errors';

/** The engine worker could not be loaded or crashed before answering. */
export class EngineWorkerError extends LabError {}
registerLabError(EngineWorkerError);
