import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pretokenize } from './pretokenize';

describe('pretokenize', () => {
  it('splits contractions, letter runs, number runs, punctuation and whitespace as GPT-2 does', () => {
    expect(pretokenize("I'm 65, need cover!")).toEqual(['I', "'m", ' 65', ',', ' need', ' cover', '!']);
    expect(pretokenize('term  life\n\ncover')).toEqual(['term', ' ', ' life', '\n', '\n', 'cover']);
    expect(pretokenize('São Paulo 保险 €12.50')).toEqual(['São', ' Paulo', ' 保险', ' €', '12', '.', '50']);
  });

  it('keeps "[CLS]" typed by a user as ordinary punctuation and letters', () => {
    expect(pretokenize('a [CLS] b')).toEqual(['a', ' [', 'CLS', ']', ' b']);
  });

  it('gives pieces that concatenate back to the text, none empty', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const pieces = pretokenize(text);
        expect(pieces.join('')).toBe(text);
        expect(pieces.every((piece) => piece.length > 0)).toBe(true);
      }),
    );
  });
});
