// Named failures of the training threads (data-parallel steps and inference over helper threads).
import { LabError, registerLabError } from '../errors';

/** A helper thread exited, failed, or could not be loaded; the step or pass that used it stops. */
export class TrainingThreadGoneError extends LabError {}
registerLabError(TrainingThreadGoneError);

/** A helper thread could not start its backend. */
export class TrainingThreadStartError extends LabError {}
registerLabError(TrainingThreadStartError);

/** Helper threads asked for (or found) on another backend than this thread's: their results would not agree. */
export class TrainingThreadBackendError extends LabError {}
registerLabError(TrainingThreadBackendError);

/** The pool was used before ready() or after dispose(). */
export class TrainingThreadsNotRunningError extends LabError {}
registerLabError(TrainingThreadsNotRunningError);

/** A thread count, thread number or shard count outside what the pool has. */
export class TrainingThreadCountError extends LabError {}
registerLabError(TrainingThreadCountError);

/** A helper's answer does not fit the request (gradient sizes, missing weights, a batch without its [CLS] positions). */
export class ShardMismatchError extends LabError {}
registerLabError(ShardMismatchError);
