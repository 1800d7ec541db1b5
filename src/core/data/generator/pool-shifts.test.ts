import { describe, expect, it } from 'vitest';
import type { Example } from '../schema';
import { GeneratorConfigError, recordedConfig, resolveConfig } from './config';
import { generateDataset } from './generate';

const SIZES = { train: 200, val: 40, test_id: 60, test_ood: 600, pool: 2000 };
const tagCount = (examples: Example[], tag: string) => examples.filter((e) => e.tags.includes(tag as never)).length;
const oodShare = (examples: Example[]) => examples.filter((e) => e.tags.length > 0).length / examples.length;

describe('shifts the pool does not cover', () => {
  it('keeps an excluded shift out of the pool and in test_ood, with both modes', () => {
    for (const mode of ['rules', 'realistic'] as const) {
      const data = generateDataset({ mode, seed: 4, sizes: SIZES, poolExcludeShifts: ['conversational'] });
      expect(tagCount(data.examples.pool, 'conversational'), mode).toBe(0);
      expect(tagCount(data.examples.pool, 'unseen_brand'), mode).toBeGreaterThan(0);
      expect(tagCount(data.examples.test_ood, 'conversational'), mode).toBeGreaterThan(100);
      expect(oodShare(data.examples.pool), mode).toBeGreaterThan(0.2);
    }
  });

  it('keeps unseen categories out of the pool when unseen_category is excluded', () => {
    const data = generateDataset({ seed: 5, sizes: SIZES, poolExcludeShifts: ['unseen_category'] });
    const unseen = new Set(data.config.unseenCategories);
    expect(data.examples.pool.filter((e) => unseen.has(e.item.fields.category.toLowerCase().replace(/ /g, '_'))).length).toBe(0);
    expect(tagCount(data.examples.pool, 'unseen_category')).toBe(0);
    expect(tagCount(data.examples.test_ood, 'unseen_category')).toBeGreaterThan(0);
  });

  it('records the exclusion in the config (and leaves it out when empty)', () => {
    const data = generateDataset({ seed: 4, sizes: SIZES, poolExcludeShifts: ['unseen_brand', 'conversational'] });
    expect(data.info.source).toMatchObject({ config: { poolExcludeShifts: ['conversational', 'unseen_brand'] } });
    expect(recordedConfig(resolveConfig())).not.toHaveProperty('poolExcludeShifts');
    expect(resolveConfig().poolExcludeShifts).toEqual([]);
  });

  it('changes only the pool: the other splits are those of the same seed without the exclusion', () => {
    const plain = generateDataset({ seed: 4, sizes: SIZES });
    const excluded = generateDataset({ seed: 4, sizes: SIZES, poolExcludeShifts: ['colloquial_typo'] });
    for (const split of ['train', 'val', 'test_id'] as const) expect(excluded.examples[split]).toEqual(plain.examples[split]);
    expect(excluded.examples.pool).not.toEqual(plain.examples.pool);
  });

  it('names an unknown shift and an exclusion that leaves the pool no shift', () => {
    expect(() => resolveConfig({ poolExcludeShifts: ['typo' as never] })).toThrow(GeneratorConfigError);
    expect(() => resolveConfig({ poolExcludeShifts: ['typo' as never] })).toThrow(/"poolExcludeShifts" names an unknown shift "typo"/);
    const all = ['unseen_category', 'conversational', 'colloquial_typo', 'unseen_brand'] as const;
    expect(() => resolveConfig({ poolExcludeShifts: [...all] })).toThrow(/"poolExcludeShifts" leaves the pool no active shift/);
    expect(() => resolveConfig({ poolExcludeShifts: ['conversational'], shifts: { unseen_category: { enabled: false }, colloquial_typo: { enabled: false }, unseen_brand: { strength: 0 } } })).toThrow(/no active shift/);
    expect(resolveConfig({ poolExcludeShifts: [...all], oodMix: 0 }).poolExcludeShifts).toEqual([...all]);
  });
});

describe('a low pool OOD mix', () => {
  it('gives about 5% OOD pool queries at oodMix 0.05, and none at 0', () => {
    const data = generateDataset({ seed: 6, sizes: { ...SIZES, pool: 6000 }, oodMix: 0.05 });
    expect(oodShare(data.examples.pool)).toBeGreaterThan(0.03);
    expect(oodShare(data.examples.pool)).toBeLessThan(0.07);
    expect(oodShare(generateDataset({ seed: 6, sizes: SIZES, oodMix: 0 }).examples.pool)).toBe(0);
  });
});

describe('more candidates per query', () => {
  it('gives every query 12 items with the grades mixed at itemsPerQuery 12', () => {
    const data = generateDataset({ seed: 2, sizes: { train: 1200, val: 120, test_id: 240, test_ood: 240, pool: 240 }, itemsPerQuery: 12 });
    for (const split of ['train', 'test_id', 'test_ood'] as const) {
      const byQuery = new Map<string, Example[]>();
      for (const example of data.examples[split]) byQuery.set(example.query, [...(byQuery.get(example.query) ?? []), example]);
      const sizes = [...byQuery.values()].map((items) => items.length);
      // The odd query may lose an item whose ten draws all repeated one already made.
      expect(sizes.filter((n) => n === 12).length / sizes.length, split).toBeGreaterThan(0.9);
      expect(Math.min(...sizes), split).toBeGreaterThanOrEqual(10);
      const gradesPerQuery = [...byQuery.values()].map((items) => new Set(items.map((e) => e.grade)).size);
      expect(Math.min(...gradesPerQuery), split).toBeGreaterThanOrEqual(2);
      expect(gradesPerQuery.filter((n) => n === 3).length / byQuery.size, split).toBeGreaterThan(0.8);
    }
  });
});
