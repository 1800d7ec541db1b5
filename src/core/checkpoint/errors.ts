import { LabError, registerLabError } from '../errors';

/** A checkpoint that does not fit its own config, its tokenizer or the run it should resume. */
export class CheckpointMismatchError extends LabError {}
registerLabError(CheckpointMismatchError);
