import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { TokenizerConfigError } from './errors';
import { tokenizerToLabJson } from './lab-format';
import { pretokenize } from './pretokenize';
import { sampleProductCorpus } from './sample-corpus';
import { SPECIAL_TOKEN_NAMES } from './special-tokens';
import { trainTokenizer } from './train';

const FIRST_MERGE_ID = 256 + SPECIAL_TOKEN_NAMES.length;

/** Textbook BPE: recount every pair of the whole corpus before each merge. */
function referenceMerges(texts: string[], vocabSize: number, minPairCount: number): { merges: [number, number][]; words: Map<string, number[]> } {
  const counts = new Map<string, number>();
  for (const text of texts) for (const piece of pretokenize(text)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  const words = new Map([...counts.keys()].map((piece) => [piece, Array.from(new TextEncoder().encode(piece))]));
  const merges: [number, number][] = [];
  for (let id = FIRST_MERGE_ID; id < vocabSize; id++) {
    const pairs = new Map<string, number>();
    for (const [piece, symbols] of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]},${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + (counts.get(piece) as number));
      }
    }
    let best: [number, number] | null = null;
    let bestCount = 0;
    for (const [key, count] of pairs) {
      const pair = key.split(',').map(Number) as [number, number];
      const lower = best === null || pair[0] < best[0] || (pair[0] === best[0] && pair[1] < best[1]);
      if (count > bestCount || (count === bestCount && lower)) [best, bestCount] = [pair, count];
    }
    if (best === null || bestCount < minPairCount) break;
    merges.push(best);
    for (const [piece, symbols] of words) {
      const out: number[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === best[0] && symbols[i + 1] === best[1]) {
          out.push(id);
          i++;
        } else out.push(symbols[i]);
      }
      words.set(piece, out);
    }
  }
  return { merges, words };
}

const smallText = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é', '1', '.', 'aa', 'ab'), maxLength: 24 });

describe('trainTokenizer', () => {
  it('learns exactly the merges of textbook BPE, and encodes training words as training segmented them', () => {
    fc.assert(
      fc.property(fc.array(smallText, { minLength: 1, maxLength: 30 }), fc.constantFrom(1, 2, 3), (texts, minPairCount) => {
        fc.pre(texts.some((text) => text.length > 0));
        const tokenizer = trainTokenizer(texts, { vocabSize: 512, minPairCount });
        const reference = referenceMerges(texts, 512, minPairCount);
        expect(tokenizer.toDefinition().merges).toEqual(reference.merges);
        for (const [piece, symbols] of reference.words) expect(tokenizer.encode(piece)).toEqual(symbols);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic and ignores the order of the corpus', () => {
    const corpus = sampleProductCorpus(1500, 'determinism');
    const first = tokenizerToLabJson(trainTokenizer(corpus, { vocabSize: 1024 }));
    expect(tokenizerToLabJson(trainTokenizer(corpus, { vocabSize: 1024 }))).toBe(first);
    expect(tokenizerToLabJson(trainTokenizer(createRng(3).shuffle(corpus), { vocabSize: 1024 }))).toBe(first);
    expect(tokenizerToLabJson(trainTokenizer(corpus, { vocabSize: 1000 }))).not.toBe(first);
  });

  it('reaches the requested vocab size on a rich corpus and never exceeds it', () => {
    const corpus = sampleProductCorpus(3000, 'size');
    for (const vocabSize of [512, 777, 1024]) {
      const tokenizer = trainTokenizer(corpus, { vocabSize });
      expect(tokenizer.vocabSize).toBe(vocabSize);
      expect(tokenizer.mergeCount).toBe(vocabSize - FIRST_MERGE_ID);
      expect(tokenizer.training?.requestedVocabSize).toBe(vocabSize);
    }
    const tiny = trainTokenizer(['cheap car insurance', 'car insurance'], { vocabSize: 8192 });
    expect(tiny.vocabSize).toBeLessThan(8192);
    expect(tiny.vocabSize).toBeGreaterThan(FIRST_MERGE_ID);
  });

  it('compresses in-domain text it did not see, more with a larger vocab', () => {
    const corpus = sampleProductCorpus(3000, 'train');
    const heldOut = sampleProductCorpus(300, 'held-out').join('\n');
    const bytes = new TextEncoder().encode(heldOut).length;
    const small = trainTokenizer(corpus, { vocabSize: 512 }).encode(heldOut).length;
    const large = trainTokenizer(corpus, { vocabSize: 1536 }).encode(heldOut).length;
    expect(small).toBeLessThan(bytes * 0.5);
    expect(large).toBeLessThan(small);
  });

  it('reports progress ending at the number of merges learned', () => {
    const calls: [number, number][] = [];
    const tokenizer = trainTokenizer(sampleProductCorpus(500), { vocabSize: 600, onProgress: (done, target) => calls.push([done, target]) });
    expect(calls.at(-1)).toEqual([tokenizer.mergeCount, 600 - FIRST_MERGE_ID]);
    expect(calls.map(([done]) => done)).toEqual([...calls.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('rejects settings out of range and an empty corpus, naming the problem', () => {
    const corpus = ['car insurance'];
    for (const vocabSize of [511, 8193, 1000.5, Number.NaN]) {
      expect(() => trainTokenizer(corpus, { vocabSize })).toThrow(TokenizerConfigError);
      expect(() => trainTokenizer(corpus, { vocabSize })).toThrow(/vocabSize must be an integer from 512 to 8192/);
    }
    expect(() => trainTokenizer(corpus, { vocabSize: 512, minPairCount: 0 })).toThrow(/minPairCount must be a positive integer/);
    expect(() => trainTokenizer([], { vocabSize: 512 })).toThrow(/training corpus has no text \(0 texts/);
    expect(() => trainTokenizer(['', ''], { vocabSize: 512 })).toThrow(/2 texts, all empty/);
  });
});
