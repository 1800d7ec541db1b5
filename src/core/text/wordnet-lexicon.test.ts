import { describe, expect, it } from 'vitest';
import { stemWord } from './stem';
import { WordIndex } from './word-match';
import wordnet from './wordnet-groups.json';
import { WORDNET_LICENSE, wordnetLexicon } from './wordnet-lexicon';

const related = (a: string, b: string): boolean => wordnetLexicon().related(stemWord(a)).has(stemWord(b));

describe('wordnetLexicon', () => {
  it('relates synonyms of one synset, both ways', () => {
    for (const [a, b] of [
      ['car', 'automobile'],
      ['automobile', 'auto'],
      ['sofa', 'couch'],
      ['phone', 'telephone'],
      ['television', 'telly'],
      ['insurance', 'policy'], // "insurance policy, policy, insurance"
      ['jeans', 'denim'], // "jean, blue jean, denim"
    ]) {
      expect(related(a, b), `${a} ~ ${b}`).toBe(true);
      expect(related(b, a), `${b} ~ ${a}`).toBe(true);
    }
  });

  it('relates a noun to its direct hypernym, both ways', () => {
    for (const [narrow, broad] of [
      ['puppy', 'dog'],
      ['dog', 'canine'],
      ['oak', 'tree'],
      ['denim', 'fabric'],
      ['sedan', 'car'],
    ]) {
      expect(related(narrow, broad), `${narrow} ~ ${broad}`).toBe(true);
      expect(related(broad, narrow), `${broad} ~ ${narrow}`).toBe(true);
    }
  });

  it('does not relate what WordNet does not, nor through the dropped links', () => {
    expect(related('dental', 'travel')).toBe(false);
    expect(related('travel', 'dental')).toBe(false);
    // WordNet has "coverage, insurance coverage" under "sum", not under "insurance".
    expect(related('insurance', 'coverage')).toBe(false);
    // Only two steps up: "puppy" is under "dog", "dog" under "canine".
    expect(related('puppy', 'canine')).toBe(false);
    // Top of the hierarchy: "artifact" is directly under "whole".
    expect(related('artifact', 'whole')).toBe(false);
    // Rare senses of a word with a corpus-attested sense: "dog" as a frump or a frankfurter.
    expect(related('dog', 'frump')).toBe(false);
    expect(related('dog', 'frankfurter')).toBe(false);
    // No multi-word lemmas: the mower's synset is "lawn mower, mower" and nothing single-word else.
    expect(wordnetLexicon().related(stemWord('mower')).size).toBe(0);
    expect(wordnetLexicon().related('zzzz').size).toBe(0);
  });

  it('is built once and is symmetric', () => {
    const lexicon = wordnetLexicon();
    expect(wordnetLexicon()).toBe(lexicon);
    const oneSided: string[] = [];
    for (const group of wordnet.groups) {
      const stems = group.split(' ');
      for (const stem of stems) {
        for (const other of stems) {
          if (other !== stem && !lexicon.related(other).has(stem)) oneSided.push(`${other} ~ ${stem}`);
        }
      }
    }
    expect(oneSided).toEqual([]);
  });

  it('holds well-formed groups: 2 or more distinct stems of 3 or more letters, sorted, no duplicates', () => {
    expect(new Set(wordnet.groups).size).toBe(wordnet.groups.length);
    const malformed = wordnet.groups.filter((group) => {
      const stems = group.split(' ');
      const sorted = stems.every((stem, i) => i === 0 || stems[i - 1] < stem); // also distinct
      return stems.length < 2 || !sorted || !stems.every((stem) => /^[a-z]{3,}$/.test(stem));
    });
    expect(malformed).toEqual([]);
  });

  it('carries the WordNet notice', () => {
    expect(WORDNET_LICENSE).toContain('WordNet 3.1 Copyright 2011 by Princeton University');
  });

  it('grades a synonym as a related match in WordIndex', () => {
    const item = new WordIndex(['used', 'automobile', 'for', 'sale'], wordnetLexicon());
    expect(item.matchOf('car')).toBe('related');
    expect(item.matchOf('automobiles')).toBe('stem');
    expect(item.matchOf('dental')).toBe('none');
  });
});
