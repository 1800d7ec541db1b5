// Packs variable-length id sequences into one [batch, length] Int32Array for the model.
import { TokenizerConfigError } from './errors';

export interface PaddedBatch {
  /** Row-major [sequences.length, length]. */
  ids: Int32Array;
  /** Real tokens per row (before padding). */
  lengths: Int32Array;
  length: number;
}

/**
 * Right padding keeps positions aligned with unpadded training; left padding puts every row's
 * last token (the [CLS] of a relevance prompt) in the final column.
 */
export function padBatch(sequences: readonly (readonly number[])[], length: number, padId: number, side: 'right' | 'left' = 'right'): PaddedBatch {
  const ids = new Int32Array(sequences.length * length).fill(padId);
  const lengths = new Int32Array(sequences.length);
  sequences.forEach((sequence, row) => {
    if (sequence.length > length) {
      throw new TokenizerConfigError(`sequence ${row} has ${sequence.length} tokens, more than the batch length ${length}`, { row, tokens: sequence.length, length });
    }
    ids.set(sequence, row * length + (side === 'left' ? length - sequence.length : 0));
    lengths[row] = sequence.length;
  });
  return { ids, lengths, length };
}
