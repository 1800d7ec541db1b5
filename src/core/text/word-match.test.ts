import { describe, expect, it } from 'vitest';
import { charTrigrams, trigramDice } from './char-ngrams';
import { lexiconFromGroups } from './lexicon';
import { stemWord } from './stem';
import { WordIndex } from './word-match';
import { pieceWord, textWords } from './words';

describe('text matching', () => {
  it('splits lower-cased words and digit runs', () => {
    expect(textWords('Lawn-Mower 21in, 2 Pack')).toEqual(['lawn', 'mower', '21', 'in', '2', 'pack']);
    expect(pieceWord(' Mowers')).toBe('mowers');
    expect(pieceWord(', ')).toBeNull();
  });

  it('stems inflections together and leaves numbers alone', () => {
    expect(stemWord('mowers')).toBe(stemWord('mower'));
    expect(stemWord('policies')).toBe(stemWord('policy'));
    expect(stemWord('2024')).toBe('2024');
  });

  it('scores trigram overlap', () => {
    expect(trigramDice(charTrigrams('mower'), charTrigrams('mower'))).toBe(1);
    expect(trigramDice(charTrigrams('insurance'), charTrigrams('insurnace'))).toBeGreaterThanOrEqual(0.5);
    expect(trigramDice(charTrigrams('dental'), charTrigrams('travel'))).toBeLessThan(0.5);
  });

  it('grades a match from exact down to none', () => {
    const lexicon = lexiconFromGroups([[stemWord('car'), stemWord('automobile')]]);
    const item = new WordIndex(['lawnmower', 'cordless', 'mowers', 'automobile'], lexicon);
    expect(item.matchOf('cordless')).toBe('exact');
    expect(item.matchOf('mower')).toBe('stem');
    expect(item.matchOf('cordles')).toBe('fuzzy');
    expect(item.matchOf('car')).toBe('related');
    expect(item.matchOf('dental')).toBe('none');
    expect(new WordIndex(['mower']).matchOf('car')).toBe('none');
  });
});
