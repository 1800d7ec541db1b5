// The lab's own tokenizer file: versioned JSON with the vocabulary (tokens in GPT-2's byte
// alphabet, special tokens by name at their ids), merges as id pairs by rank, and training facts.
import { BpeTokenizer, type TokenizerOptions } from './bpe-tokenizer';
import { bytesToPiece, pieceToBytes } from './byte-alphabet';
import { isSpecialEntry, type TokenizerDefinition, type TrainingInfo, type VocabEntry } from './definition';
import { describeBadCharacter, describeJson, fileError, isRecord, parseJsonText, requireArray, requireBoolean, requireRecord, requireString, requireTokenId } from './json-checks';
import type { PretokenizerName } from './pretokenize';

export const LAB_TOKENIZER_FORMAT = 'relevance-lab/byte-bpe-tokenizer';
export const LAB_TOKENIZER_VERSION = 1;

export interface LabTokenizerFile {
  format: typeof LAB_TOKENIZER_FORMAT;
  version: number;
  pretokenizer: PretokenizerName;
  ignoreMerges: boolean;
  /** Index = token id. Ordinary tokens in GPT-2's byte alphabet; a special token's entry is its name. */
  vocab: string[];
  specialTokens: Record<string, number>;
  merges: [number, number][];
  training: TrainingInfo | null;
}

export function tokenizerToLabJson(tokenizer: BpeTokenizer): string {
  const definition = tokenizer.toDefinition();
  const specialTokens: Record<string, number> = {};
  const vocab = definition.vocab.map((entry, id) => {
    if (!isSpecialEntry(entry)) return bytesToPiece(entry);
    specialTokens[entry.special] = id;
    return entry.special;
  });
  const file: LabTokenizerFile = {
    format: LAB_TOKENIZER_FORMAT,
    version: LAB_TOKENIZER_VERSION,
    pretokenizer: definition.pretokenizer,
    ignoreMerges: definition.ignoreMerges,
    vocab,
    specialTokens,
    merges: definition.merges.map(([left, right]) => [left, right]),
    training: definition.training,
  };
  // One top-level field per line, each value compact: readable and diff-friendly without bloat.
  const lines = Object.entries(file).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

export function isLabTokenizerJson(json: unknown): boolean {
  return isRecord(json) && json.format === LAB_TOKENIZER_FORMAT;
}

export function tokenizerFromLabJson(text: string, source = 'tokenizer file', options: TokenizerOptions = {}): BpeTokenizer {
  return tokenizerFromLabObject(parseJsonText(text, source), source, options);
}

export function tokenizerFromLabObject(json: unknown, source = 'tokenizer file', options: TokenizerOptions = {}): BpeTokenizer {
  const file = requireRecord(json, source, 'the file');
  if (file.format !== LAB_TOKENIZER_FORMAT) {
    throw fileError(source, `not a Relevance Lab tokenizer file: "format" is ${describeJson(file.format)}, expected "${LAB_TOKENIZER_FORMAT}"`);
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw fileError(source, `"version" must be a positive integer, got ${describeJson(version)}`);
  }
  if (version > LAB_TOKENIZER_VERSION) {
    throw fileError(source, `file version ${version} is newer than this lab reads (up to ${LAB_TOKENIZER_VERSION}); update the lab`);
  }
  const pretokenizer = requireString(file.pretokenizer, source, '"pretokenizer"') as PretokenizerName;
  const ignoreMerges = requireBoolean(file.ignoreMerges, source, '"ignoreMerges"');
  const rawVocab = requireArray(file.vocab, source, '"vocab"');
  const specialTokens = requireRecord(file.specialTokens, source, '"specialTokens"');

  const specialAt = new Map<number, string>();
  for (const [name, rawId] of Object.entries(specialTokens)) {
    const id = requireTokenId(rawId, source, `specialTokens[${JSON.stringify(name)}]`);
    if (id >= rawVocab.length) throw fileError(source, `special token ${name} has id ${id}, beyond the vocabulary (${rawVocab.length} tokens)`);
    if (rawVocab[id] !== name) throw fileError(source, `special token ${name} has id ${id}, but vocab[${id}] is ${describeJson(rawVocab[id])}`);
    if (specialAt.has(id)) throw fileError(source, `special tokens ${specialAt.get(id)} and ${name} share id ${id}`);
    specialAt.set(id, name);
  }

  const vocab: VocabEntry[] = rawVocab.map((raw, id) => {
    const piece = requireString(raw, source, `vocab[${id}]`);
    const special = specialAt.get(id);
    if (special !== undefined) return { special };
    const parsed = pieceToBytes(piece);
    if ('badIndex' in parsed) throw fileError(source, `vocab[${id}] ${describeBadCharacter(piece, parsed.badIndex)}`, { id });
    return parsed.bytes;
  });

  const merges = requireArray(file.merges, source, '"merges"').map((raw, rank) => {
    if (!Array.isArray(raw) || raw.length !== 2) throw fileError(source, `merges[${rank}] must be a pair of token ids, got ${describeJson(raw)}`, { rank });
    return [requireTokenId(raw[0], source, `merges[${rank}][0]`), requireTokenId(raw[1], source, `merges[${rank}][1]`)] as const;
  });

  const training = file.training === null ? null : (requireRecord(file.training, source, '"training"') as unknown as TrainingInfo);
  const definition: TokenizerDefinition = { vocab, merges, pretokenizer, ignoreMerges, training };
  return new BpeTokenizer(definition, source, options);
}
