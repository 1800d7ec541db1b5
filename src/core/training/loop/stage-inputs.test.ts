import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../data/generator/generate';
import { trainTokenizer } from '../../tokenizer';
import { corpusDocuments, itemDocument, packDocuments } from './lm-corpus';
import { classificationInputs, pretrainInputs } from './stage-inputs';

const dataset = generateDataset({ seed: 8, sizes: { train: 80, val: 0, test_id: 0, test_ood: 0, pool: 40 } });
const examples = [...dataset.examples.train, ...dataset.examples.pool];
const tokenizer = trainTokenizer(corpusDocuments(examples), { vocabSize: 512 });

describe('stage inputs', () => {
  it('packs documents into full windows and adds one prompt per pair whose texts are not held out', () => {
    const inputs = pretrainInputs(tokenizer, examples, 48, { heldOutFraction: 0.2 });
    const { train, heldOut, documents } = inputs;
    const windows = train.sequences.slice(0, train.sequences.length - documents.pairs);
    expect(windows.slice(0, -1).every((w) => w.length === 48)).toBe(true);
    const packedTokens = windows.reduce((sum, w) => sum + w.length, 0);
    expect(packedTokens).toBe(inputs.trainDocuments.reduce((sum, d) => sum + d.length, 0));
    expect(heldOut).toHaveLength(documents.heldOut);
    expect(documents.heldOut).toBeGreaterThan(0);
    expect(documents.pairs).toBeGreaterThan(0);
    expect(documents.pairs).toBeLessThan(examples.length);
    const prompts = train.sequences.slice(-documents.pairs);
    for (const prompt of prompts) {
      expect(prompt[0]).toBe(tokenizer.special.bos);
      expect(prompt[prompt.length - 1]).toBe(tokenizer.special.cls);
    }
    // No held-out text reaches training through a prompt.
    const heldTexts = new Set(heldOut.map((doc) => tokenizer.decode(Array.from(doc), { skipSpecial: true })));
    const promptTexts = prompts.map((p) => tokenizer.decode(Array.from(p), { skipSpecial: true }));
    for (const example of examples) {
      if (!heldTexts.has(example.query) && !heldTexts.has(itemDocument(example.item))) continue;
      expect(promptTexts.some((text) => text.startsWith(example.query) && text.includes(example.item.title))).toBe(false);
    }
    expect(pretrainInputs(tokenizer, examples, 48, { heldOutFraction: 0.2, pairs: false }).documents.pairs).toBe(0);
  });

  it('packDocuments keeps every token in order (a last window of one token has no target and is dropped)', () => {
    const docs = [Int32Array.of(1, 2, 3), Int32Array.of(4, 5), Int32Array.of(6, 7, 8, 9)];
    expect(packDocuments(docs, 4).map((w) => Array.from(w))).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
  });

  it('classification inputs need grades', () => {
    expect(() => classificationInputs(tokenizer, dataset.examples.pool.map((e) => ({ ...e, grade: null })), 64)).toThrow(/has no grade/);
    const data = classificationInputs(tokenizer, dataset.examples.train, 64);
    expect(data.labels).toEqual(Int32Array.from(dataset.examples.train, (e) => e.grade!));
  });
});
