import { describe, expect, it } from 'vitest';
import { SPLITS, type Example } from '../schema';
import { CATEGORIES, DEFAULT_UNSEEN_CATEGORIES, SEEN_BRANDS, UNSEEN_BRANDS } from './catalog';
import { generateDataset } from './generate';

const data = generateDataset({ seed: 1, mode: 'realistic' });
const all: Example[] = SPLITS.flatMap((split) => data.examples[split]);
const LABELLED = ['train', 'val', 'test_id', 'test_ood'] as const;
const unseenNames = new Set(CATEGORIES.filter((c) => DEFAULT_UNSEEN_CATEGORIES.includes(c.key)).map((c) => c.name));
const noise = data.info.source.kind === 'generated' ? data.info.source.labelNoise! : null;

function byQuery(examples: readonly Example[]): Map<string, Example[]> {
  const groups = new Map<string, Example[]>();
  for (const example of examples) groups.set(example.query, [...(groups.get(example.query) ?? []), example]);
  return groups;
}

describe("the generator's realistic mode", () => {
  it('generates the default sizes and records the mode', () => {
    expect(Object.fromEntries(SPLITS.map((s) => [s, data.examples[s].length]))).toEqual({ train: 6000, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000 });
    expect(data.config).toMatchObject({ mode: 'realistic', itemsPerQuery: 10 });
    expect(data.info.source).toMatchObject({ kind: 'generated', seed: 1, config: { mode: 'realistic' } });
    expect(data.info.id).toBe('generated-insurance-realistic-seed-1');
  });

  it('is deterministic: the same seed repeats itself exactly, another seed does not', () => {
    const sizes = { train: 300, val: 50, test_id: 100, test_ood: 100, pool: 300 };
    const again = generateDataset({ seed: 4, mode: 'realistic', sizes });
    const same = generateDataset({ seed: 4, mode: 'realistic', sizes });
    const other = generateDataset({ seed: 5, mode: 'realistic', sizes });
    expect(JSON.stringify(same)).toBe(JSON.stringify(again));
    expect(JSON.stringify(other.examples)).not.toBe(JSON.stringify(again.examples));
    const rules = generateDataset({ seed: 4, sizes });
    expect(JSON.stringify(rules.examples.train)).not.toBe(JSON.stringify(again.examples.train));
  });

  it('makes most pairs partial: grade 1 is the largest class in every split, and no grade is rare', () => {
    for (const split of SPLITS) {
      const [irrelevant, weak, strong] = data.info.splits[split]!.grades.map((count) => count / data.examples[split].length);
      expect(weak, split).toBeGreaterThan(0.36);
      expect(weak, split).toBeGreaterThanOrEqual(Math.max(irrelevant, strong));
      expect(Math.min(irrelevant, strong), split).toBeGreaterThan(0.18);
    }
  });

  it('has label noise: 10-20% of grades flip under a fresh panel of raters, in every split', () => {
    expect(noise).not.toBeNull();
    expect(noise!.overallFlipRate).toBeGreaterThan(0.1);
    expect(noise!.overallFlipRate).toBeLessThan(0.2);
    for (const split of SPLITS) {
      expect(noise!.flipRate[split], split).toBeGreaterThan(0.08);
      expect(noise!.flipRate[split], split).toBeLessThan(0.22);
    }
  });

  it('gives each query 6-10 candidates with an uneven grade mix', () => {
    const counts: number[] = [];
    let missingAGrade = 0;
    let queries = 0;
    for (const split of LABELLED) {
      const groups = [...byQuery(data.examples[split]).values()];
      // The last query of a split may be cut short by the split's size.
      for (const group of groups.slice(0, -1)) {
        counts.push(group.length);
        queries += 1;
        if (new Set(group.map((e) => e.grade)).size < 3) missingAGrade += 1;
      }
    }
    expect(Math.min(...counts)).toBe(6);
    expect(Math.max(...counts)).toBe(10);
    expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeGreaterThan(7.5);
    expect(missingAGrade / queries).toBeGreaterThan(0.3);
  });

  it('never gives one (query, item) pair two grades and splits by query', () => {
    const grades = new Map<string, number | null>();
    const splitOf = new Map<string, string>();
    const conflicts: string[] = [];
    for (const example of all) {
      const key = JSON.stringify([example.query, example.item]);
      if (grades.has(key)) conflicts.push(key);
      grades.set(key, example.grade);
      const seen = splitOf.get(example.query);
      if (seen !== undefined && seen !== example.split) conflicts.push(example.query);
      splitOf.set(example.query, example.split);
    }
    expect(conflicts).toEqual([]);
  });

  it('words queries beyond the catalog synonyms and varies item titles', () => {
    const train = [...byQuery(data.examples.train).keys()];
    const synonyms = CATEGORIES.flatMap((c) => c.synonyms);
    const withoutSynonym = train.filter((query) => !synonyms.some((synonym) => query.includes(synonym)));
    expect(withoutSynonym.length / train.length).toBeGreaterThan(0.4);
    const titles = data.examples.train.map((e) => e.item.title);
    const brandLast = titles.filter((title) => / by [A-Z][a-z]+$| - [A-Z][a-z]+$| \([A-Z][a-z]+\)$/.test(title));
    expect(brandLast.length / titles.length).toBeGreaterThan(0.3);
    expect(titles.some((title) => /\b(CI|PA|LTC|Ins\.|Hosp\.)/.test(title))).toBe(true);
  });

  it('has a few typos in ID queries and many more under the colloquial_typo shift', () => {
    // Typos make one-off words: share of queries with a word seen at most twice in all queries.
    const queries = [...new Set(all.map((e) => e.query))];
    const frequency = new Map<string, number>();
    for (const query of queries) for (const word of query.toLowerCase().split(/[^a-z]+/)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    const rare = (query: string) => query.toLowerCase().split(/[^a-z]+/).some((word) => word.length >= 4 && frequency.get(word)! <= 2);
    const share = (list: string[]) => list.filter(rare).length / list.length;
    const id = [...byQuery(data.examples.test_id).keys()];
    const typoShift = [...byQuery(data.examples.test_ood.filter((e) => e.tags.includes('colloquial_typo'))).keys()];
    expect(share(id)).toBeGreaterThan(0.05);
    expect(share(id)).toBeLessThan(0.3);
    expect(share(typoShift)).toBeGreaterThan(2 * share(id));
  });

  it('keeps every shift knob active and its meaning', () => {
    const idLike = [...['train', 'val', 'test_id'].flatMap((s) => data.examples[s as 'train']), ...data.examples.pool.filter((e) => e.tags.length === 0)];
    const leaks = idLike.filter((e) => unseenNames.has(e.item.fields.category) || UNSEEN_BRANDS.includes(e.item.fields.brand) || e.tags.length > 0);
    expect(leaks.map((e) => e.id)).toEqual([]);

    const ood = data.examples.test_ood;
    expect(ood.every((e) => e.tags.length > 0)).toBe(true);
    for (const tag of ['unseen_category', 'conversational', 'colloquial_typo', 'unseen_brand']) {
      expect(ood.filter((e) => e.tags.includes(tag)).length / ood.length, tag).toBeGreaterThan(0.25);
    }
    // unseen_category: the query is about an unseen category, so its strong items mostly are one.
    const unseenStrong = ood.filter((e) => e.tags.includes('unseen_category') && e.grade === 2);
    expect(unseenStrong.filter((e) => unseenNames.has(e.item.fields.category)).length / unseenStrong.length).toBeGreaterThan(0.9);
    // unseen_brand: every candidate comes from the unseen brands.
    expect(ood.filter((e) => e.tags.includes('unseen_brand') && SEEN_BRANDS.includes(e.item.fields.brand)).map((e) => e.id)).toEqual([]);
    // conversational: long sentences.
    const mean = (xs: Example[]) => xs.reduce((sum, e) => sum + e.query.length, 0) / xs.length;
    expect(mean(ood.filter((e) => e.tags.includes('conversational')))).toBeGreaterThan(1.5 * mean(data.examples.test_id));
    // colloquial_typo: the catalog's slang, which ID queries never use.
    const slang = CATEGORIES.flatMap((c) => c.colloquial);
    const withSlang = (examples: Example[]) => examples.filter((e) => slang.some((phrase) => e.query.includes(phrase))).length;
    expect(withSlang(data.examples.train)).toBe(0);
    expect(withSlang(ood.filter((e) => e.tags.includes('colloquial_typo')))).toBeGreaterThan(0);
  });

  it('keeps gold grades for the pool, mixed about 70% ID-like and 30% OOD-like', () => {
    const pool = data.examples.pool;
    expect(pool.every((e) => e.grade !== null)).toBe(true);
    const oodShare = pool.filter((e) => e.tags.length > 0).length / pool.length;
    expect(oodShare).toBeGreaterThan(0.25);
    expect(oodShare).toBeLessThan(0.35);
  });
});
