// Errors of the tokenizer a person can act on: a bad tokenizer file, or a setting out of range.
import { LabError, registerLabError } from '../errors';

/** A tokenizer file (the lab's own JSON or a Hugging Face tokenizer.json) that cannot be loaded. */
export class TokenizerFileError extends LabError {}

/** A tokenizer setting or input the tokenizer cannot work with (vocab size, sequence length, empty corpus). */
export class TokenizerConfigError extends LabError {}

registerLabError(TokenizerFileError);
registerLabError(TokenizerConfigError);
