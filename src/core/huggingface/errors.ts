// Errors of moving models to and from Hugging Face's GPT-2 layout that a person can act on.
import { LabError, registerLabError } from '../errors';

/**
 * A Hugging Face model folder the lab cannot run: a missing file, a field of config.json that
 * describes another architecture, a tensor missing or of the wrong shape. The message names the
 * file and the field (details.file, details.field).
 */
export class HuggingFaceImportError extends LabError {}

/** A checkpoint that cannot be written as a Hugging Face folder (no tokenizer, a head GPT-2 has no place for). */
export class HuggingFaceExportError extends LabError {}

registerLabError(HuggingFaceImportError);
registerLabError(HuggingFaceExportError);

export function importError(file: string, problem: string, field?: string): HuggingFaceImportError {
  return new HuggingFaceImportError(`${file}: ${problem}`, { file, ...(field === undefined ? {} : { field }) });
}
