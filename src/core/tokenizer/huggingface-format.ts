// Hugging Face tokenizer.json for byte-level BPE (model.type "BPE", ByteLevel pre-tokenizer), the
// layout of GPT-2 style tokenizers. Export writes the relevance prompt as a TemplateProcessing pair
// template, so `tokenizer.encode(query, item)` there gives [BOS] [Q] query [I] item [CLS] (without
// this lab's truncation rule or [SEP] between item fields). Import keeps the file's ids; every
// added token becomes a special token (never produced from text), and any of the lab's special
// tokens the file lacks are appended after its last id.
import { BpeTokenizer, type TokenizerOptions } from './bpe-tokenizer';
import { bytesToPiece, pieceToBytes } from './byte-alphabet';
import { isSpecialEntry, MAX_VOCAB_SIZE, type TokenizerDefinition, type VocabEntry } from './definition';
import { describeBadCharacter, describeJson, fileError, isRecord, parseJsonText, requireArray, requireRecord, requireString, requireTokenId } from './json-checks';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';

const BYTE_LEVEL = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };

export function tokenizerToHuggingFaceJson(tokenizer: BpeTokenizer): string {
  const definition = tokenizer.toDefinition();
  const vocab: Record<string, number> = {};
  const addedTokens: object[] = [];
  definition.vocab.forEach((entry, id) => {
    if (!isSpecialEntry(entry)) vocab[bytesToPiece(entry)] = id;
  });
  definition.vocab.forEach((entry, id) => {
    if (!isSpecialEntry(entry)) return;
    addedTokens.push({ id, content: entry.special, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
    if (!(entry.special in vocab)) vocab[entry.special] = id;
  });
  const special = (name: string) => ({ SpecialToken: { id: name, type_id: 0 } });
  const sequence = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const specialTokens: Record<string, object> = {};
  for (const name of ['[BOS]', '[Q]', '[I]', '[CLS]']) {
    specialTokens[name] = { id: name, ids: [tokenizer.tokenToId(name)], tokens: [name] };
  }
  const file = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: BYTE_LEVEL,
    post_processor: {
      type: 'TemplateProcessing',
      single: [sequence('A', 0)],
      pair: [special('[BOS]'), special('[Q]'), sequence('A', 0), special('[I]'), sequence('B', 1), special('[CLS]')],
      special_tokens: specialTokens,
    },
    decoder: { ...BYTE_LEVEL, add_prefix_space: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: definition.ignoreMerges,
      vocab,
      merges: definition.merges.map(([left, right]) => `${tokenizer.idToToken(left)} ${tokenizer.idToToken(right)}`),
    },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function isHuggingFaceTokenizerJson(json: unknown): boolean {
  return isRecord(json) && isRecord(json.model) && 'vocab' in json.model;
}

export function tokenizerFromHuggingFaceJson(text: string, source = 'tokenizer.json', options: TokenizerOptions = {}): BpeTokenizer {
  return tokenizerFromHuggingFaceObject(parseJsonText(text, source), source, options);
}

export function tokenizerFromHuggingFaceObject(json: unknown, source = 'tokenizer.json', options: TokenizerOptions = {}): BpeTokenizer {
  const file = requireRecord(json, source, 'the file');
  const model = requireRecord(file.model, source, '"model"');
  if (model.type !== 'BPE') throw fileError(source, `model.type is ${describeJson(model.type)}; only byte-level BPE ("BPE") can be imported`);
  for (const field of ['continuing_subword_prefix', 'end_of_word_suffix'] as const) {
    const value = model[field];
    if (value !== undefined && value !== null && value !== '') {
      throw fileError(source, `model.${field} is ${describeJson(value)}; byte-level BPE files have none`);
    }
  }
  if (file.normalizer !== undefined && file.normalizer !== null) {
    throw fileError(source, `normalizer ${describeJson(file.normalizer)} is not supported: the lab's tokenizer applies no normalizer`);
  }
  checkPreTokenizer(file.pre_tokenizer, source);
  const ignoreMerges = model.ignore_merges === true;

  const addedContent = new Map<number, string>();
  (file.added_tokens === undefined ? [] : requireArray(file.added_tokens, source, '"added_tokens"')).forEach((raw, index) => {
    const token = requireRecord(raw, source, `added_tokens[${index}]`);
    const id = requireTokenId(token.id, source, `added_tokens[${index}].id`);
    const content = requireString(token.content, source, `added_tokens[${index}].content`);
    if (id >= MAX_VOCAB_SIZE) throw fileError(source, `added_tokens[${index}].id ${id} is too large (at most ${MAX_VOCAB_SIZE - 1})`);
    addedContent.set(id, content);
  });

  const entries: VocabEntry[] = [];
  const idOfPiece = new Map<string, number>();
  for (const [piece, rawId] of Object.entries(requireRecord(model.vocab, source, 'model.vocab'))) {
    const id = requireTokenId(rawId, source, `model.vocab[${JSON.stringify(piece)}]`);
    if (id >= MAX_VOCAB_SIZE) throw fileError(source, `model.vocab[${JSON.stringify(piece)}] has id ${id}, too large (at most ${MAX_VOCAB_SIZE - 1})`);
    if (addedContent.has(id)) continue;
    if (entries[id] !== undefined) throw fileError(source, `model.vocab gives id ${id} to two tokens (one is ${describeJson(piece)})`, { id });
    const parsed = pieceToBytes(piece);
    if ('badIndex' in parsed) throw fileError(source, `model.vocab token ${describeBadCharacter(piece, parsed.badIndex)}`, { id });
    entries[id] = parsed.bytes;
    idOfPiece.set(piece, id);
  }
  for (const [id, content] of addedContent) entries[id] = { special: content };
  const present = new Set(addedContent.values());
  for (const name of SPECIAL_TOKEN_NAMES) if (!present.has(name)) entries.push({ special: name });
  // Array holes (ids the file never names) are reported by validation.
  const vocab = Array.from({ length: entries.length }, (_, id) => entries[id]);

  const merges = requireArray(model.merges ?? [], source, 'model.merges').map((raw, rank) => {
    const where = `model.merges[${rank}]`;
    let pieces: unknown[];
    if (typeof raw === 'string') pieces = raw.split(' ');
    else if (Array.isArray(raw)) pieces = raw;
    else throw fileError(source, `${where} must be "left right" or ["left", "right"], got ${describeJson(raw)}`, { rank });
    if (pieces.length !== 2) throw fileError(source, `${where} must name exactly two tokens, got ${describeJson(raw)}`, { rank });
    return pieces.map((piece) => {
      const id = typeof piece === 'string' ? idOfPiece.get(piece) : undefined;
      if (id === undefined) throw fileError(source, `${where} (${describeJson(raw)}) names ${describeJson(piece)}, which is not an ordinary token of model.vocab`, { rank });
      return id;
    }) as unknown as readonly [number, number];
  });

  const definition: TokenizerDefinition = { vocab, merges, pretokenizer: 'gpt2', ignoreMerges, training: null };
  return new BpeTokenizer(definition, source, options);
}

function checkPreTokenizer(raw: unknown, source: string): void {
  let step = raw;
  if (isRecord(step) && step.type === 'Sequence' && Array.isArray(step.pretokenizers) && step.pretokenizers.length === 1) {
    step = step.pretokenizers[0];
  }
  if (!isRecord(step) || step.type !== 'ByteLevel') {
    throw fileError(source, `pre_tokenizer ${describeJson(raw)} is not supported: only ByteLevel (GPT-2 style) can be imported`);
  }
  if (step.use_regex === false) throw fileError(source, 'pre_tokenizer ByteLevel with use_regex false is not supported: the lab always splits with the GPT-2 pattern');
  if (step.add_prefix_space === true) throw fileError(source, 'pre_tokenizer ByteLevel with add_prefix_space true is not supported: it would change the text');
}
