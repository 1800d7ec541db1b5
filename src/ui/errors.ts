// Failures that happen on the page itself (not inside the engine).
import { LabError, registerLabError } from '../core/errors';

/** The engine worker could not be loaded or crashed before answering. */
export class EngineWorkerError extends LabError {}
registerLabError(EngineWorkerError);

/**
 * The engine worker died (an uncaught error, an answer it could not send, or it stopped without a
 * word, e.g. out of memory): every call it had not answered fails with this, and the page restarts it.
 */
export class EngineCrashedError extends EngineWorkerError {}
registerLabError(EngineCrashedError);

/** What was thrown, as an Error (a thrown string or value becomes its message). */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
