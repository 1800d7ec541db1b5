// Errors of reading weight files a person can act on.
import { LabError, registerLabError } from '../errors';

/** A weights file (safetensors, or a lab checkpoint file built on it) that cannot be read; the message names the problem. */
export class InvalidCheckpointFileError extends LabError {}

/** Weights to be saved or read back hold NaN or Infinity; the message names the tensor and the position. */
export class NonFiniteTensorError extends LabError {}

registerLabError(InvalidCheckpointFileError);
registerLabError(NonFiniteTensorError);
