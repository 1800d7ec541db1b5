// What a byte-level BPE tokenizer is, independent of file format: a dense vocabulary (each id is
// a byte sequence or a special token), ranked merges, the pre-tokeniser, and how it was trained.
// validateDefinition is the single gate every loader and the trainer pass through.
import { TokenizerFileError } from './errors';
import { PRETOKENIZER_NAMES, type PretokenizerName } from './pretokenize';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';

export interface SpecialEntry {
  special: string;
}
export type VocabEntry = Uint8Array | SpecialEntry;

export interface TrainingInfo {
  requestedVocabSize: number;
  minPairCount: number;
  texts: number;
  /** UTF-8 bytes of the training corpus. */
  bytes: number;
  /** Distinct pre-tokenised pieces of the corpus. */
  distinctWords: number;
}

export interface TokenizerDefinition {
  /** Indexed by token id, ids 0..length-1 with no holes. */
  vocab: readonly VocabEntry[];
  /** Merges by rank (earliest learned first): pairs of ordinary token ids. */
  merges: readonly (readonly [number, number])[];
  pretokenizer: PretokenizerName;
  /** Hugging Face's ignore_merges: a piece that is itself in the vocab becomes that one token. */
  ignoreMerges: boolean;
  training: TrainingInfo | null;
}

/** Ids must fit in 21 bits so a pair of them packs into one safe integer (see pairKey). */
export const MAX_VOCAB_SIZE = 1 << 21;

export function pairKey(left: number, right: number): number {
  return left * MAX_VOCAB_SIZE + right;
}

export function isSpecialEntry(entry: VocabEntry): entry is SpecialEntry {
  return !(entry instanceof Uint8Array);
}

/** A byte sequence as a Map key. Latin-1 code units, so distinct sequences give distinct keys. */
export function bytesKey(bytes: Uint8Array): string {
  let key = '';
  for (const b of bytes) key += String.fromCharCode(b);
  return key;
}

function fail(source: string, problem: string, details: Record<string, unknown> = {}): never {
  throw new TokenizerFileError(`${source}: ${problem}`, { source, ...details });
}

/** Throws a TokenizerFileError naming the first problem; `source` names the file in the message. */
export function validateDefinition(definition: TokenizerDefinition, source: string): void {
  const { vocab, merges } = definition;
  if (vocab.length === 0) fail(source, 'the vocabulary is empty');
  if (vocab.length > MAX_VOCAB_SIZE) fail(source, `the vocabulary has ${vocab.length} tokens; at most ${MAX_VOCAB_SIZE} are supported`);
  if (!PRETOKENIZER_NAMES.includes(definition.pretokenizer)) {
    fail(source, `unknown pre-tokenizer "${String(definition.pretokenizer)}" (known: ${PRETOKENIZER_NAMES.join(', ')})`);
  }

  const idOfBytes = new Map<string, number>();
  const idOfSpecial = new Map<string, number>();
  for (let id = 0; id < vocab.length; id++) {
    const entry = vocab[id];
    if (entry === undefined) fail(source, `token id ${id} is missing: ids must run from 0 to ${vocab.length - 1} without holes`, { id });
    if (isSpecialEntry(entry)) {
      const other = idOfSpecial.get(entry.special);
      if (other !== undefined) fail(source, `special token "${entry.special}" appears twice (ids ${other} and ${id})`, { id });
      idOfSpecial.set(entry.special, id);
      continue;
    }
    if (entry.length === 0) fail(source, `token id ${id} is an empty byte sequence`, { id });
    const key = bytesKey(entry);
    const other = idOfBytes.get(key);
    if (other !== undefined) fail(source, `token id ${id} has the same bytes as token id ${other}`, { id });
    idOfBytes.set(key, id);
  }
  for (let b = 0; b < 256; b++) {
    if (!idOfBytes.has(String.fromCharCode(b))) {
      fail(source, `no token for the single byte 0x${b.toString(16).padStart(2, '0')}: a byte-level vocabulary needs all 256`, { byte: b });
    }
  }
  for (const name of SPECIAL_TOKEN_NAMES) {
    if (!idOfSpecial.has(name)) fail(source, `the special token ${name} is missing (required: ${SPECIAL_TOKEN_NAMES.join(' ')})`);
  }

  const seenPairs = new Map<number, number>();
  merges.forEach((merge, rank) => {
    const where = `merge #${rank}`;
    if (!Array.isArray(merge) || merge.length !== 2) fail(source, `${where} is not a pair of token ids`, { rank });
    const [left, right] = merge;
    for (const id of [left, right]) {
      if (!Number.isInteger(id) || id < 0 || id >= vocab.length) fail(source, `${where} refers to token id ${id}, which is not in the vocabulary`, { rank });
      if (isSpecialEntry(vocab[id])) fail(source, `${where} refers to the special token ${(vocab[id] as SpecialEntry).special}`, { rank });
    }
    const key = pairKey(left, right);
    const earlier = seenPairs.get(key);
    if (earlier !== undefined) fail(source, `${where} repeats merge #${earlier} (ids ${left}, ${right})`, { rank });
    seenPairs.set(key, rank);
    const merged = bytesKey(vocab[left] as Uint8Array) + bytesKey(vocab[right] as Uint8Array);
    if (!idOfBytes.has(merged)) fail(source, `${where} (ids ${left}, ${right}) makes a token that is not in the vocabulary`, { rank });
  });

  const training = definition.training;
  if (training !== null) {
    for (const field of ['requestedVocabSize', 'minPairCount', 'texts', 'bytes', 'distinctWords'] as const) {
      const value = training[field];
      if (!Number.isInteger(value) || value < 0) fail(source, `training.${field} must be a non-negative integer, got ${JSON.stringify(value)}`);
    }
  }
}
