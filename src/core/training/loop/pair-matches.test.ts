import { describe, expect, it } from 'vitest';
import type { Example } from '../../data/schema';
import { matchChannel, unpackIds } from '../../model/match-signals';
import { EMPTY_LEXICON, lexiconFromGroups } from '../../text/lexicon';
import { stemWord } from '../../text/stem';
import { trainTokenizer } from '../../tokenizer';
import { encodeMatchedPair } from './pair-matches';
import { pretrainInputs } from './stage-inputs';

const texts = ['red lawn mowers for sale', 'Lawnmower cordless mower', 'garden hose green', 'car insurance', 'automobile cover', 'dental plan'];
const tokenizer = trainTokenizer(texts, { vocabSize: 512 });
const V = tokenizer.vocabSize;

describe('relevance prompts with match channels', () => {
  it('keeps the plain prompt\'s tokens and marks each word by its best match on the other side', () => {
    const fields = ['Lawnmower cordless', 'brand: mower'];
    const packed = encodeMatchedPair(tokenizer, 'red mowers', fields, 64, { lexicon: EMPTY_LEXICON, vocabSize: V });
    const { tokens, channels } = unpackIds(Int32Array.from(packed), V);
    expect([...tokens]).toEqual(tokenizer.encodePair('red mowers', fields, 64));
    expect(channels[0]).toBe(0); // [BOS]
    expect(channels.at(-1)).toBe(0); // [CLS]
    const pieces = [...tokens].map((id, k) => [tokenizer.decode([id]), channels[k]] as const);
    const queryPart = pieces.slice(2, pieces.findIndex(([, c], k) => k > 1 && c === 0));
    expect(queryPart.filter(([t]) => /red/.test(t)).every(([, c]) => c === matchChannel('query', 'none'))).toBe(true);
    expect(queryPart.filter(([t]) => /mow/.test(t)).every(([, c]) => c === matchChannel('query', 'stem'))).toBe(true);
    const itemPart = pieces.slice(queryPart.length + 3, -1);
    const channelsOf = (pattern: RegExp) => new Set(itemPart.filter(([t]) => pattern.test(t)).map(([, c]) => c));
    // "Lawnmower cordless": neither word meets "red" or "mowers" (trigram Dice of lawnmower/mowers is 0.4).
    const firstField = itemPart.slice(0, itemPart.findIndex(([t]) => t === '[SEP]'));
    expect(new Set(firstField.map(([, c]) => c))).toEqual(new Set([matchChannel('item', 'none')]));
    expect(channelsOf(/^ mower$/)).toEqual(new Set([matchChannel('item', 'stem')]));
    expect(channelsOf(/:/)).toEqual(new Set([0]));
  });

  it('marks related words through the lexicon', () => {
    const lexicon = lexiconFromGroups([[stemWord('car'), stemWord('automobile')]]);
    const packed = encodeMatchedPair(tokenizer, 'car insurance', ['automobile cover'], 64, { lexicon, vocabSize: V });
    const { channels } = unpackIds(Int32Array.from(packed), V);
    expect([...channels]).toContain(matchChannel('query', 'related'));
    expect([...channels]).toContain(matchChannel('item', 'related'));
  });
});

describe('matching-aware pretraining inputs', () => {
  const example = (id: string, query: string, title: string): Example => ({ id, query, item: { title, fields: {} }, grade: null, split: 'pool', tags: [] } as unknown as Example);
  const examples = [
    example('a', 'lawn mower', 'Cordless lawn mower'),
    example('b', 'garden hose', 'Green garden hose'),
    example('c', 'car insurance', 'Automobile cover'),
    example('d', 'dental plan', 'Dental plan for families'),
  ];

  it('adds a shuffled twin per prompt and labels prompts 1, twins 0, text -1', () => {
    const matching = { lexicon: EMPTY_LEXICON, vocabSize: V };
    const inputs = pretrainInputs(tokenizer, examples, 48, { heldOutFraction: 0, matching, shuffledPairs: true, seed: 3 });
    const labels = [...inputs.train.labels!];
    expect(labels.filter((l) => l === 1)).toHaveLength(4);
    expect(labels.filter((l) => l === 0)).toHaveLength(4);
    expect(labels.filter((l) => l === -1)).toHaveLength(inputs.train.sequences.length - 8);
    // A twin starts like its real prompt (same query) but is never the same sequence.
    const real = inputs.train.sequences.filter((_, k) => labels[k] === 1);
    const twins = inputs.train.sequences.filter((_, k) => labels[k] === 0);
    twins.forEach((twin, k) => expect([...twin]).not.toEqual([...real[k]]));
    expect(pretrainInputs(tokenizer, examples, 48, { heldOutFraction: 0, matching }).train.labels).toBeNull();
    expect(() => pretrainInputs(tokenizer, examples, 48, { shuffledPairs: true })).toThrow(/match signals/);
    const single = pretrainInputs(tokenizer, examples.slice(0, 1), 48, { heldOutFraction: 0, matching, shuffledPairs: true });
    expect([...single.train.labels!].filter((l) => l === 0)).toHaveLength(0);
  });
});
