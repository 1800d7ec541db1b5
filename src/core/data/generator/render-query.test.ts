import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { renderQuery } from './render-query';
import type { QuerySpec } from './query-spec';
import { addTypos } from './typos';

const spec: QuerySpec = { category: 'critical_illness', constraints: { age: 67, maxPrice: 45, feature: 'stroke', brand: 'BluePeak' } };

describe('query rendering', () => {
  it('always states every constraint, in every style', () => {
    const rng = createRng(3);
    for (const conversational of [false, true]) {
      for (const colloquial of [false, true]) {
        for (let i = 0; i < 30; i++) {
          const text = renderQuery(rng, spec, { conversational, colloquial, typos: false });
          expect(text).toMatch(/(^|\D)67(\D|$)/);
          expect(text).toMatch(/(^|\D)45(\D|$)/);
          expect(text).toContain('stroke');
          expect(text).toContain('BluePeak');
        }
      }
    }
  });

  it('writes conversational queries as long sentences about a person, and keyword queries short', () => {
    const rng = createRng(4);
    const keyword = renderQuery(rng, spec, { conversational: false, colloquial: false, typos: false });
    const sentence = renderQuery(rng, spec, { conversational: true, colloquial: false, typos: false });
    expect(sentence.length).toBeGreaterThan(keyword.length);
    expect(sentence).toMatch(/(mum|dad|father|grandma) (is|just turned) 67/);
  });

  it('misspells words but never numbers or brands', () => {
    const rng = createRng(5);
    const text = 'BluePeak critical illness insurance age 67 under 45 a month';
    for (let i = 0; i < 50; i++) {
      const typed = addTypos(rng, text);
      expect(typed).not.toBe(text);
      expect(typed).toMatch(/^BluePeak .* 67 .*45/);
    }
  });
});
