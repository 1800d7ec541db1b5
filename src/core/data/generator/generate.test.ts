import { describe, expect, it } from 'vitest';
import { SPLITS, type Example } from '../schema';
import { CATEGORIES, DEFAULT_UNSEEN_CATEGORIES, UNSEEN_BRANDS } from './catalog';
import { generateDataset } from './generate';

const data = generateDataset({ seed: 1 });
const all: Example[] = SPLITS.flatMap((split) => data.examples[split]);
const unseenNames = new Set(CATEGORIES.filter((c) => DEFAULT_UNSEEN_CATEGORIES.includes(c.key)).map((c) => c.name));
const ID_SPLITS = ['train', 'val', 'test_id'] as const;

describe('the default generated dataset', () => {
  it('generates the default sizes', () => {
    expect(Object.fromEntries(SPLITS.map((s) => [s, data.examples[s].length]))).toEqual({
      train: 6000, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000,
    });
  });

  it('never gives one (query, item) pair two different grades', () => {
    const grades = new Map<string, number | null>();
    const conflicts: string[] = [];
    for (const example of all) {
      const key = JSON.stringify([example.query, example.item]);
      if (grades.has(key) && grades.get(key) !== example.grade) conflicts.push(key);
      grades.set(key, example.grade);
    }
    expect(conflicts).toEqual([]);
  });

  it('splits by query: no query text is in two splits', () => {
    const splitOf = new Map<string, string>();
    const shared: string[] = [];
    for (const example of all) {
      const seen = splitOf.get(example.query);
      if (seen !== undefined && seen !== example.split) shared.push(example.query);
      splitOf.set(example.query, example.split);
    }
    expect(shared).toEqual([]);
    expect(splitOf.size).toBe(SPLITS.reduce((sum, s) => sum + data.info.splits[s]!.queries, 0));
  });

  it('represents every grade well in every split', () => {
    for (const split of SPLITS) {
      const grades = data.info.splits[split]!.grades;
      for (const count of grades) expect(count / data.examples[split].length, split).toBeGreaterThan(0.25);
    }
  });

  it('keeps unseen categories and unseen brands out of train, val and test_id and out of untagged pool examples', () => {
    const idLike = [...ID_SPLITS.flatMap((s) => data.examples[s]), ...data.examples.pool.filter((e) => e.tags.length === 0)];
    const offenders = idLike.filter(
      (e) => e.tags.length > 0 || unseenNames.has(e.item.fields.category) || UNSEEN_BRANDS.includes(e.item.fields.brand),
    );
    expect(idLike.length).toBe(9000 + data.examples.pool.filter((e) => e.tags.length === 0).length);
    expect(offenders.map((e) => e.id)).toEqual([]);
  });

  it('tags every OOD test example with the shifts that produced it', () => {
    const ood = data.examples.test_ood;
    expect(ood.every((e) => e.tags.length > 0)).toBe(true);
    const withUnseenCategory = ood.filter((e) => e.tags.includes('unseen_category'));
    expect(withUnseenCategory.length).toBeGreaterThan(ood.length * 0.3);
    // A strong match has the query's own category, so under unseen_category it must be an unseen one.
    const strongSeen = withUnseenCategory.filter((e) => e.grade === 2 && !unseenNames.has(e.item.fields.category));
    expect(strongSeen.map((e) => e.id)).toEqual([]);
    const seenBrand = ood.filter((e) => e.tags.includes('unseen_brand') && !UNSEEN_BRANDS.includes(e.item.fields.brand));
    expect(seenBrand.map((e) => e.id)).toEqual([]);
    const conversational = ood.filter((e) => e.tags.includes('conversational'));
    const mean = (xs: Example[]) => xs.reduce((sum, e) => sum + e.query.length, 0) / xs.length;
    expect(mean(conversational)).toBeGreaterThan(1.5 * mean(data.examples.test_id));
  });

  it('mixes the pool about 70% ID-like and 30% OOD-like, keeping the gold grades', () => {
    const pool = data.examples.pool;
    const oodShare = pool.filter((e) => e.tags.length > 0).length / pool.length;
    expect(oodShare).toBeGreaterThan(0.25);
    expect(oodShare).toBeLessThan(0.35);
    expect(pool.every((e) => e.grade !== null)).toBe(true);
  });

  it('repeats itself exactly for the same seed and changes for another seed', () => {
    const again = generateDataset({ seed: 1, sizes: { train: 300, val: 50, test_id: 100, test_ood: 100, pool: 300 } });
    const same = generateDataset({ seed: 1, sizes: { train: 300, val: 50, test_id: 100, test_ood: 100, pool: 300 } });
    const other = generateDataset({ seed: 2, sizes: { train: 300, val: 50, test_id: 100, test_ood: 100, pool: 300 } });
    expect(JSON.stringify(same)).toBe(JSON.stringify(again));
    expect(JSON.stringify(other.examples)).not.toBe(JSON.stringify(again.examples));
  });

  it('describes itself in DatasetInfo without a wall-clock time', () => {
    expect(data.info.source).toMatchObject({ kind: 'generated', seed: 1 });
    expect(data.info.splits.train).toMatchObject({ count: 6000, queries: 1200 });
    expect(data.info.createdAt).toBe('1970-01-01T00:00:00.000Z');
  });
});
