import { beforeAll, describe, expect, it } from 'vitest';
import type { BpeTokenizer } from './bpe-tokenizer';
import { labErrorClass } from '../errors';
import { TokenizerConfigError, TokenizerFileError } from './errors';
import { tokenizerFromLabJson, tokenizerToLabJson } from './lab-format';
import { loadTokenizerFile } from './load-file';
import { sampleProductCorpus, sampleProductPairs } from './sample-corpus';
import { trainTokenizer } from './train';

function captureError(run: () => unknown): TokenizerFileError {
  try {
    run();
  } catch (error) {
    return error as TokenizerFileError;
  }
  throw new Error('expected an error');
}

let tokenizer: BpeTokenizer;
let saved: string;
beforeAll(() => {
  tokenizer = trainTokenizer(sampleProductCorpus(2000, 'format-tests'), { vocabSize: 1024 });
  saved = tokenizerToLabJson(tokenizer);
});

describe('lab tokenizer file', () => {
  it('loads back a tokenizer that encodes every text and pair identically', () => {
    const loaded = tokenizerFromLabJson(saved, 'tok.json');
    expect(loaded.vocabSize).toBe(tokenizer.vocabSize);
    expect(loaded.special).toEqual(tokenizer.special);
    expect(loaded.training).toEqual(tokenizer.training);
    for (const text of sampleProductCorpus(300, 'held-out')) expect(loaded.encode(text)).toEqual(tokenizer.encode(text));
    for (const { query, item } of sampleProductPairs(100, 'pairs')) {
      expect(loaded.encodePair(query, item, 48)).toEqual(tokenizer.encodePair(query, item, 48));
    }
    expect(tokenizerToLabJson(loaded)).toBe(saved);
    expect(tokenizerToLabJson(loadTokenizerFile(saved))).toBe(saved);
  });

  it('writes a versioned, readable file', () => {
    const file = JSON.parse(saved);
    expect(file.format).toBe('relevance-lab/byte-bpe-tokenizer');
    expect(file.version).toBe(1);
    expect(file.vocab[32]).toBe('Ġ');
    expect(file.specialTokens['[CLS]']).toBe(tokenizer.special.cls);
    expect(file.vocab[tokenizer.special.cls]).toBe('[CLS]');
    expect(file.merges).toHaveLength(tokenizer.mergeCount);
  });

  type Mutation = [string, (file: any) => void, RegExp];
  const mutations: Mutation[] = [
    ['the format is another', (f) => (f.format = 'something-else'), /not a Relevance Lab tokenizer file: "format" is "something-else"/],
    ['the version is newer', (f) => (f.version = 2), /file version 2 is newer than this lab reads \(up to 1\)/],
    ['the version is not a number', (f) => (f.version = '1'), /"version" must be a positive integer, got "1"/],
    ['the pre-tokenizer is unknown', (f) => (f.pretokenizer = 'bert'), /unknown pre-tokenizer "bert"/],
    ['ignoreMerges is not a boolean', (f) => (f.ignoreMerges = 'no'), /"ignoreMerges" must be true or false/],
    ['vocab is not an array', (f) => (f.vocab = {}), /"vocab" must be an array/],
    ['a token is not a string', (f) => (f.vocab[300] = 5), /vocab\[300\] must be a string, got 5/],
    ['a token leaves the byte alphabet', (f) => (f.vocab[300] = 'a b'), /vocab\[300\] "a b" has the character U\+0020 at position 1/],
    ['two tokens have the same bytes', (f) => (f.vocab[301] = f.vocab[300]), /token id 301 has the same bytes as token id 300/],
    ['a byte has no token', (f) => (f.vocab[65] = 'ĠĠĠĠĠĠĠĠĠĠĠĠĠĠĠĠĠĠĠ'), /no token for the single byte 0x41/],
    ['a special token is missing', (f) => delete f.specialTokens['[CLS]'], /the special token \[CLS\] is missing/],
    ['a special token points elsewhere', (f) => (f.specialTokens['[CLS]'] = 5), /special token \[CLS\] has id 5, but vocab\[5\] is "ą"/],
    ['a special token is beyond the vocab', (f) => (f.specialTokens['[CLS]'] = 99999), /special token \[CLS\] has id 99999, beyond the vocabulary \(1024 tokens\)/],
    ['a merge is not a pair', (f) => (f.merges[3] = [1]), /merges\[3\] must be a pair of token ids, got \[1\]/],
    ['a merge has a negative id', (f) => (f.merges[3] = [1, -2]), /merges\[3\]\[1\] must be a token id/],
    ['a merge names an unknown id', (f) => (f.merges[3] = [99999, 1]), /merge #3 refers to token id 99999, which is not in the vocabulary/],
    ['a merge names a special token', (f) => (f.merges[3] = [f.specialTokens['[PAD]'], 1]), /merge #3 refers to the special token \[PAD\]/],
    ['a merge repeats', (f) => (f.merges[4] = f.merges[3]), /merge #4 repeats merge #3/],
    ['a merge makes an unknown token', (f) => (f.merges[3] = [0, 1]), /merge #3 \(ids 0, 1\) makes a token that is not in the vocabulary/],
    ['training facts are broken', (f) => (f.training.texts = -1), /training.texts must be a non-negative integer, got -1/],
  ];

  it.each(mutations)('rejects a file where %s, naming the problem and the file', (_, mutate, message) => {
    const file = JSON.parse(saved);
    mutate(file);
    const load = () => tokenizerFromLabJson(JSON.stringify(file), 'my-tokenizer.json');
    expect(load).toThrow(TokenizerFileError);
    expect(load).toThrow(message);
    expect(load).toThrow(/^my-tokenizer\.json: /);
  });

  it('rejects text that is not JSON, and JSON that is no tokenizer file', () => {
    expect(() => tokenizerFromLabJson('{"format":', 'broken.json')).toThrow(/broken\.json: not valid JSON/);
    expect(() => loadTokenizerFile('{"hello": 1}', 'other.json')).toThrow(/other\.json: not a tokenizer file/);
    const error = captureError(() => tokenizerFromLabJson('[]', 'x.json'));
    expect(error).toBeInstanceOf(TokenizerFileError);
    expect(error.message).toBe('x.json: the file must be an object, got []');
    expect(error.name).toBe('TokenizerFileError');
    expect(error.details.source).toBe('x.json');
    // Registered, so the error keeps its class across the worker boundary.
    expect(labErrorClass('TokenizerFileError')).toBe(TokenizerFileError);
    expect(labErrorClass('TokenizerConfigError')).toBe(TokenizerConfigError);
  });
});
