import { describe, expect, it } from 'vitest';
import { ADJACENCY, CATEGORIES, DEFAULT_UNSEEN_CATEGORIES, SEEN_BRANDS, UNSEEN_BRANDS } from './catalog';

describe('insurance catalog', () => {
  it('gives every category a neighbour, so weak matches exist for every query', () => {
    for (const category of CATEGORIES) expect(ADJACENCY.get(category.key)!.size, category.key).toBeGreaterThan(0);
  });

  it('keeps query words unambiguous: no synonym, slang word or need is shared by two categories', () => {
    const owner = new Map<string, string>();
    for (const category of CATEGORIES) {
      for (const phrase of [...category.synonyms, ...category.colloquial, ...category.needs]) {
        expect(owner.get(phrase), `"${phrase}" in ${category.key} and ${owner.get(phrase)}`).toBeUndefined();
        owner.set(phrase, category.key);
      }
    }
  });

  it('keeps seen and unseen brands apart and unseen categories known', () => {
    expect(SEEN_BRANDS.filter((brand) => UNSEEN_BRANDS.includes(brand))).toEqual([]);
    const keys = CATEGORIES.map((c) => c.key);
    for (const key of DEFAULT_UNSEEN_CATEGORIES) expect(keys).toContain(key);
  });

  it('has age ranges, terms and prices that make sense', () => {
    for (const c of CATEGORIES) {
      for (const [low, high] of c.ageRanges) expect(low, c.key).toBeLessThan(high);
      expect(c.price[0], c.key).toBeLessThan(c.price[1]);
      expect(c.terms.length, c.key).toBeGreaterThan(0);
      expect([...c.terms].sort((a, b) => a - b), c.key).toEqual([...c.terms]);
    }
  });
});
