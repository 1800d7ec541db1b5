import { beforeAll, describe, expect, it } from 'vitest';
import type { BpeTokenizer } from './bpe-tokenizer';
import { bytesToPiece } from './byte-alphabet';
import { TokenizerFileError } from './errors';
import { tokenizerFromHuggingFaceJson, tokenizerToHuggingFaceJson } from './huggingface-format';
import { loadTokenizerFile } from './load-file';
import { createRng } from '../random';
import { sampleProductCorpus, sampleProductPairs } from './sample-corpus';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';
import { trainTokenizer } from './train';

/** A GPT-2 style file written by hand: the 256 bytes at shuffled ids, three merges, one added token. */
function handMadeFile(options: { ignoreMerges?: boolean; mergesAsArrays?: boolean } = {}) {
  const order = createRng('hf').shuffle(Array.from({ length: 256 }, (_, b) => b));
  const vocab: Record<string, number> = {};
  order.forEach((byte, id) => (vocab[bytesToPiece(Uint8Array.of(byte))] = id));
  Object.assign(vocab, { 'Ġc': 256, 'Ġca': 257, 'Ġcar': 258, '<|endoftext|>': 259 });
  const merges = [['Ġ', 'c'], ['Ġc', 'a'], ['Ġca', 'r']];
  return {
    version: '1.0',
    added_tokens: [{ id: 259, content: '<|endoftext|>', special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    decoder: { type: 'ByteLevel' },
    model: {
      type: 'BPE',
      ignore_merges: options.ignoreMerges ?? false,
      vocab,
      merges: options.mergesAsArrays ? merges : merges.map((pair) => pair.join(' ')),
    },
  };
}

let tokenizer: BpeTokenizer;
let exported: string;
beforeAll(() => {
  tokenizer = trainTokenizer(sampleProductCorpus(2000, 'hf-tests'), { vocabSize: 1024 });
  exported = tokenizerToHuggingFaceJson(tokenizer);
});

describe('Hugging Face tokenizer.json', () => {
  it('exports a byte-level BPE file with the prompt as a pair template', () => {
    const file = JSON.parse(exported);
    expect(file.model.type).toBe('BPE');
    expect(file.pre_tokenizer).toMatchObject({ type: 'ByteLevel', use_regex: true, add_prefix_space: false });
    expect(file.decoder.type).toBe('ByteLevel');
    expect(file.model.merges).toHaveLength(tokenizer.mergeCount);
    expect(file.model.merges[0]).toMatch(/^\S+ \S+$/);
    expect(file.model.vocab['Ġ']).toBe(32);
    expect(file.added_tokens.map((t: { content: string }) => t.content)).toEqual([...SPECIAL_TOKEN_NAMES]);
    const pair = file.post_processor.pair.map((part: Record<string, { id: string }>) => Object.values(part)[0].id);
    expect(pair).toEqual(['[BOS]', '[Q]', 'A', '[I]', 'B', '[CLS]']);
    expect(file.post_processor.special_tokens['[CLS]'].ids).toEqual([tokenizer.special.cls]);
  });

  it('imports its own export with the same ids and encodings', () => {
    const imported = loadTokenizerFile(exported, 'tokenizer.json');
    expect(imported.vocabSize).toBe(tokenizer.vocabSize);
    expect(imported.special).toEqual(tokenizer.special);
    for (const text of sampleProductCorpus(200, 'hf-held-out')) expect(imported.encode(text)).toEqual(tokenizer.encode(text));
    for (const { query, item } of sampleProductPairs(50)) expect(imported.encodePair(query, item, 40)).toEqual(tokenizer.encodePair(query, item, 40));
    expect(tokenizerToHuggingFaceJson(imported)).toBe(exported);
  });

  it('imports a GPT-2 style file keeping its ids, its added token special, and appending the lab tokens', () => {
    for (const mergesAsArrays of [false, true]) {
      const imported = tokenizerFromHuggingFaceJson(JSON.stringify(handMadeFile({ mergesAsArrays })));
      expect(imported.encode(' car')).toEqual([258]);
      expect(imported.encode(' cab')).toEqual([257, imported.tokenToId('b')]);
      expect(imported.tokenToId('<|endoftext|>')).toBe(259);
      expect(imported.encode('<|endoftext|>')).not.toContain(259);
      expect(imported.vocabSize).toBe(260 + SPECIAL_TOKEN_NAMES.length);
      expect(imported.special.pad).toBe(260);
      expect(imported.special.sep).toBe(266);
      expect(imported.decode(imported.encodePair('car', ' car', 16))).toBe('[BOS][Q]car[I] car[CLS]');
    }
  });

  it('honours ignore_merges: a piece in the vocab is one token even without a merge path', () => {
    const file = handMadeFile({ ignoreMerges: true });
    file.model.merges = ['Ġ c'];
    expect(tokenizerFromHuggingFaceJson(JSON.stringify(file)).encode(' car')).toEqual([258]);
    file.model.ignore_merges = false;
    expect(tokenizerFromHuggingFaceJson(JSON.stringify(file)).encode(' car')).toHaveLength(3);
  });

  type Mutation = [string, (file: any) => void, RegExp];
  const mutations: Mutation[] = [
    ['the model is WordPiece', (f) => (f.model.type = 'WordPiece'), /model.type is "WordPiece"; only byte-level BPE \("BPE"\) can be imported/],
    ['there is a normalizer', (f) => (f.normalizer = { type: 'NFC' }), /normalizer \{"type":"NFC"\} is not supported/],
    ['the pre-tokenizer is Whitespace', (f) => (f.pre_tokenizer = { type: 'Whitespace' }), /pre_tokenizer \{"type":"Whitespace"\} is not supported/],
    ['a prefix space is added', (f) => (f.pre_tokenizer.add_prefix_space = true), /add_prefix_space true is not supported/],
    ['the regex split is off', (f) => (f.pre_tokenizer.use_regex = false), /use_regex false is not supported/],
    ['subwords carry a prefix', (f) => (f.model.continuing_subword_prefix = '##'), /model.continuing_subword_prefix is "##"/],
    ['a merge names an unknown token', (f) => (f.model.merges[0] = 'Ġ x!'), /model.merges\[0\] \("Ġ x!"\) names "x!", which is not an ordinary token/],
    ['a merge has three parts', (f) => (f.model.merges[0] = 'a b c'), /model.merges\[0\] must name exactly two tokens/],
    ['an id is missing', (f) => (f.model.vocab['Ġcar'] = 300), /token id 258 is missing: ids must run from 0 to/],
    ['two tokens share an id', (f) => (f.model.vocab['Ġcar'] = 257), /model.vocab gives id 257 to two tokens/],
    ['a token leaves the byte alphabet', (f) => (f.model.vocab['a b'] = 260), /model.vocab token "a b" has the character U\+0020/],
    ['the vocab is missing', (f) => delete f.model.vocab, /model.vocab must be an object/],
  ];

  it.each(mutations)('rejects a file where %s', (_, mutate, message) => {
    const file = handMadeFile();
    mutate(file);
    const load = () => tokenizerFromHuggingFaceJson(JSON.stringify(file), 'tokenizer.json');
    expect(load).toThrow(TokenizerFileError);
    expect(load).toThrow(message);
    expect(load).toThrow(/^tokenizer\.json: /);
  });
});
