import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer } from './bpe-tokenizer';
import { sampleProductCorpus } from './sample-corpus';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';
import { trainTokenizer } from './train';

let tokenizer: BpeTokenizer;
beforeAll(() => {
  tokenizer = trainTokenizer(sampleProductCorpus(2000, 'tokenizer-tests'), { vocabSize: 1024 });
});

/** What UTF-8 can carry of a JS string: each lone surrogate becomes U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const specialLikeText = fc.string({
  unit: fc.constantFrom(...SPECIAL_TOKEN_NAMES, '[', ']', ' ', 'CLS', 'car', '保', '\n'),
  maxLength: 20,
});

describe('BpeTokenizer encode/decode', () => {
  it('round-trips every well-formed Unicode string', () => {
    for (const unit of ['binary', 'grapheme', 'grapheme-composite'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
          expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
        }),
      );
    }
  });

  it('turns lone surrogates into U+FFFD and round-trips everything else', () => {
    const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 30 });
    fc.assert(
      fc.property(utf16, (text) => {
        expect(tokenizer.decode(tokenizer.encode(text))).toBe(wellFormed(text));
      }),
    );
    expect(tokenizer.decode(tokenizer.encode('a\uD800b'))).toBe('a\uFFFDb');
  });

  it('never produces a special token from text, even text that spells one', () => {
    fc.assert(
      fc.property(specialLikeText, (text) => {
        const ids = tokenizer.encode(text);
        expect(ids.some((id) => tokenizer.isSpecial(id))).toBe(false);
        expect(tokenizer.decode(ids)).toBe(text);
      }),
    );
    expect(tokenizer.encode('[CLS]')).not.toContain(tokenizer.special.cls);
    expect(tokenizer.encode('[CLS]').length).toBeGreaterThan(1);
  });

  it('encodes the same with and without the word cache, and with a tiny one', () => {
    const definition = tokenizer.toDefinition();
    const uncached = new BpeTokenizer(definition, 'test', { cacheSize: 0 });
    const tiny = new BpeTokenizer(definition, 'test', { cacheSize: 4 });
    for (const text of sampleProductCorpus(200, 'cache')) {
      const expected = uncached.encode(text);
      expect(tokenizer.encode(text)).toEqual(expected);
      expect(tiny.encode(text)).toEqual(expected);
      expect(tiny.encode(text)).toEqual(expected);
    }
  });

  it('wraps a pretraining document in [BOS] ... [EOS]', () => {
    const ids = tokenizer.encodeDocument('term life cover');
    expect(ids[0]).toBe(tokenizer.special.bos);
    expect(ids.at(-1)).toBe(tokenizer.special.eos);
    expect(tokenizer.decode(ids)).toBe('[BOS]term life cover[EOS]');
    expect(tokenizer.decode(ids, { skipSpecial: true })).toBe('term life cover');
  });

  it('names tokens in the byte alphabet and finds them back', () => {
    const ids = tokenizer.encode(' insurance');
    expect(ids.length).toBe(1);
    expect(tokenizer.idToToken(ids[0])).toBe('Ġinsurance');
    expect(tokenizer.tokenToId('Ġinsurance')).toBe(ids[0]);
    expect(tokenizer.tokenToId('[CLS]')).toBe(tokenizer.special.cls);
    expect(tokenizer.idToToken(tokenizer.special.sep)).toBe('[SEP]');
    expect(tokenizer.tokenToId('not a token at all')).toBeUndefined();
    expect(tokenizer.idToToken(tokenizer.vocabSize)).toBeUndefined();
  });

  it('gives special tokens distinct ids inside the vocabulary', () => {
    const ids = Object.values(tokenizer.special);
    expect(new Set(ids).size).toBe(SPECIAL_TOKEN_NAMES.length);
    for (const id of ids) expect(id).toBeLessThan(tokenizer.vocabSize);
  });

  it('rejects ids outside the vocabulary when decoding', () => {
    expect(() => tokenizer.decode([tokenizer.vocabSize])).toThrow(/outside the vocabulary/);
  });
});
