import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BpeTokenizer } from './bpe-tokenizer';
import { TokenizerConfigError } from './errors';
import { layoutPair } from './pair-layout';
import { sampleProductCorpus } from './sample-corpus';
import type { SpecialTokenIds } from './special-tokens';
import { trainTokenizer } from './train';

const special: SpecialTokenIds = { pad: 900, bos: 901, eos: 902, cls: 903, query: 904, item: 905, sep: 906 };
const tokens = fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 30 });

describe('layoutPair', () => {
  it('lays out [BOS] [Q] query [I] fields joined by [SEP] [CLS] when everything fits', () => {
    expect(layoutPair([1, 2], [[3], [4, 5]], 64, special)).toEqual([901, 904, 1, 2, 905, 3, 906, 4, 5, 903]);
  });

  it('always ends in [CLS], keeps the structure, and never exceeds maxLen', () => {
    fc.assert(
      fc.property(tokens, fc.array(tokens, { minLength: 1, maxLength: 4 }), fc.integer({ min: 4, max: 80 }), (query, fields, maxLen) => {
        const ids = layoutPair(query, fields, maxLen, special);
        expect(ids.length).toBeLessThanOrEqual(maxLen);
        expect(ids.slice(0, 2)).toEqual([special.bos, special.query]);
        expect(ids.at(-1)).toBe(special.cls);
        for (const marker of [special.bos, special.query, special.item, special.cls]) {
          expect(ids.filter((id) => id === marker)).toHaveLength(1);
        }
        // A cut never leaves a [SEP] with nothing after it.
        const fullLength = 4 + query.length + fields.reduce((n, field) => n + field.length, 0) + fields.length - 1;
        if (ids.length < fullLength) expect(ids.at(-2)).not.toBe(special.sep);
      }),
    );
  });

  it('cuts the item before the query, and both from their ends', () => {
    fc.assert(
      fc.property(tokens, fc.array(tokens, { minLength: 1, maxLength: 4 }), fc.integer({ min: 4, max: 80 }), (query, fields, maxLen) => {
        const ids = layoutPair(query, fields, maxLen, special);
        const itemAt = ids.indexOf(special.item);
        const keptQuery = ids.slice(2, itemAt);
        const keptItem = ids.slice(itemAt + 1, -1);
        const fullItem = fields.flatMap((field, i) => (i === 0 ? field : [special.sep, ...field]));
        expect(keptQuery).toEqual(query.slice(0, keptQuery.length));
        expect(keptItem).toEqual(fullItem.slice(0, keptItem.length));
        if (keptItem.length > 0) expect(keptQuery).toEqual(query);
        const fits = query.length + fullItem.length + 4 <= maxLen;
        if (fits) expect(ids.length).toBe(query.length + fullItem.length + 4);
        // Room is left unused only by [SEP]s dropped at the cut (they would end the item on an empty field).
        if (!fits) {
          const unused = fullItem.slice(keptItem.length, maxLen - 4 - keptQuery.length);
          expect(unused.every((id) => id === special.sep)).toBe(true);
        }
      }),
    );
  });

  it('drops every [SEP] left dangling by a cut through empty fields', () => {
    expect(layoutPair([], [[1], [], [], [2]], 8, special)).toEqual([901, 904, 905, 1, 903]);
    expect(layoutPair([], [[1], [], [], [2]], 9, special)).toEqual([901, 904, 905, 1, 906, 906, 906, 2, 903]);
  });

  it('rejects a maxLen that cannot hold [BOS] [Q] [I] [CLS]', () => {
    expect(() => layoutPair([1], [[2]], 3, special)).toThrow(TokenizerConfigError);
    expect(() => layoutPair([1], [[2]], 3, special)).toThrow(/maxLen must be an integer of at least 4/);
    expect(() => layoutPair([1], [[2]], 10.5, special)).toThrow(/got 10.5/);
  });
});

describe('BpeTokenizer.encodePair', () => {
  let tokenizer: BpeTokenizer;
  beforeAll(() => {
    tokenizer = trainTokenizer(sampleProductCorpus(2000, 'pair-tests'), { vocabSize: 1024 });
  });

  it('encodes query and item text into the prompt and decodes back to them', () => {
    const ids = tokenizer.encodePair('cheap term life', ['BluePeak Lite Term Life Cover', 'Covers stroke.'], 128);
    expect(tokenizer.decode(ids)).toBe('[BOS][Q]cheap term life[I]BluePeak Lite Term Life Cover[SEP]Covers stroke.[CLS]');
  });

  it('keeps user text that spells a special token as text', () => {
    const ids = tokenizer.encodePair('[CLS] [I]', '[SEP]', 64);
    expect(ids.filter((id) => id === tokenizer.special.cls)).toHaveLength(1);
    expect(ids.filter((id) => id === tokenizer.special.item)).toHaveLength(1);
    expect(ids).not.toContain(tokenizer.special.sep);
    expect(tokenizer.decode(ids)).toBe('[BOS][Q][CLS] [I][I][SEP][CLS]');
  });

  it('never exceeds maxLen and always ends in [CLS] for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 200 }), fc.integer({ min: 4, max: 40 }), (query, item, maxLen) => {
        const ids = tokenizer.encodePair(query, item, maxLen);
        expect(ids.length).toBeLessThanOrEqual(maxLen);
        expect(ids.at(-1)).toBe(tokenizer.special.cls);
      }),
    );
  });
});
