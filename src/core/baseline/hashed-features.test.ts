import { describe, expect, it } from 'vitest';
import { featureCount, itemText, pairFeatures, tokenize } from './hashed-features';

const item = { title: 'BluePeak Lite Critical Illness Plan', fields: { category: 'critical illness', 'eligible ages': '18-60' } };

describe('hashed bag-of-words features', () => {
  it('tokenises lower-case words and numbers', () => {
    expect(tokenize('Critical-illness cover, age 67!')).toEqual(['critical', 'illness', 'cover', 'age', '67']);
    expect(itemText(item)).toBe('BluePeak Lite Critical Illness Plan category critical illness eligible ages 18-60');
  });

  it('puts the share of query tokens found in the item first, and hashed blocks within range', () => {
    const x = pairFeatures('critical illness travel age', item, 64);
    expect(x.indices[0]).toBe(0);
    expect(x.values[0]).toBeCloseTo(2 / 4, 12); // critical and illness are in the item text; 'age' is not 'ages'
    expect(Math.max(...x.indices)).toBeLessThan(featureCount(64));
    expect([...x.indices].sort((a, b) => a - b)).toEqual(x.indices);
  });

  it('ignores word order', () => {
    expect(pairFeatures('age 67 critical illness', item, 64)).toEqual(pairFeatures('critical illness 67 age', item, 64));
  });
});
