import { describe, expect, it } from 'vitest';
import type { Item } from '../data/schema';
import { lexiconFromGroups } from '../text/lexicon';
import { stemWord } from '../text/stem';
import { bm25, fitCorpusStats, idf } from './corpus-stats';
import { OVERLAP_FEATURES, OverlapFeaturizer, type OverlapFeature } from './overlap-features';

const mower: Item = { title: 'Cordless Lawn Mowers 21in', fields: { brand: 'Greenway', category: 'garden tools', price: '199' } };
const dental: Item = { title: 'Orchidon Dental Cover', fields: { category: 'dental', 'monthly price': '18' } };
const travel: Item = { title: 'Sunmere Trip Protection', fields: { category: 'travel', 'monthly price': '23' } };
const stats = fitCorpusStats([mower, dental, travel, dental]);
const featurizer = new OverlapFeaturizer(stats);

function named(values: number[]): Record<OverlapFeature, number> {
  return Object.fromEntries(OVERLAP_FEATURES.map((name, i) => [name, values[i]])) as Record<OverlapFeature, number>;
}

describe('corpus statistics', () => {
  it('count each distinct training item once, and give unseen stems the largest IDF', () => {
    expect(stats.item.documents).toBe(3);
    expect(stats.item.documentFrequency.get(stemWord('price'))).toBe(3);
    expect(stats.title.documentFrequency.get(stemWord('dental'))).toBe(1);
    expect(idf(stats.item, 'never-seen')).toBeGreaterThan(idf(stats.item, stemWord('dental')));
    expect(idf(stats.item, stemWord('price'))).toBeGreaterThan(0);
  });

  it('BM25 rises with matches of rarer words and saturates with repeats', () => {
    const doc = ['dental', 'cover'].map(stemWord);
    expect(bm25(['dental'].map(stemWord), doc, stats.title)).toBeGreaterThan(0);
    expect(bm25(['travel'].map(stemWord), doc, stats.title)).toBe(0);
    const once = bm25(['dental'], ['dental', 'x'], stats.title);
    const twice = bm25(['dental'], ['dental', 'dental'], stats.title);
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(2 * once);
  });
});

describe('overlap features', () => {
  it('have one finite value per named feature', () => {
    const values = featurizer.features('cheap dental cover under 20', dental);
    expect(values).toHaveLength(OVERLAP_FEATURES.length);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(new Set(OVERLAP_FEATURES).size).toBe(OVERLAP_FEATURES.length);
  });

  it('grade each query word exact / stem / fuzzy / none against the item and the title', () => {
    const f = named(featurizer.features('cordles lawn mower 21in sale', mower));
    // cordles: fuzzy; lawn: exact; mower: stem (mowers); 21in: exact ("21" and "in" words); sale: none.
    // Distinct words: cordles, lawn, mower, 21, in, sale.
    expect(f.q_item_exact).toBeCloseTo(3 / 6, 12);
    expect(f.q_item_stem).toBeCloseTo(1 / 6, 12);
    expect(f.q_item_fuzzy).toBeCloseTo(1 / 6, 12);
    expect(f.q_item_none).toBeCloseTo(1 / 6, 12);
    expect(f.q_item_related).toBe(0);
    expect(f.q_title_exact + f.q_title_stem + f.q_title_fuzzy + f.q_title_related + f.q_title_none).toBeCloseTo(1, 12);
    expect(f.q_all_item).toBe(0);
    expect(f.q_matched).toBe(4);
    expect(f.q_unmatched).toBe(1);
    expect(f.number_match).toBe(1);
    expect(f.query_numbers).toBe(1);
  });

  it('finds every query word, bigrams and numbers on a perfect match, and none on an unrelated item', () => {
    const good = named(featurizer.features('dental cover 18', dental));
    const bad = named(featurizer.features('dental cover 18', travel));
    expect(good.q_all_item).toBe(1);
    expect(good.q_all_title).toBe(0); // 18 is in a field, not the title
    expect(good.q_idf_coverage).toBe(1);
    expect(good.q_max_missing_idf).toBe(0);
    expect(good.q_bigrams_item).toBeGreaterThan(0);
    expect(good.number_match).toBe(1);
    expect(good.number_closeness).toBe(1);
    expect(bad.q_all_item).toBe(0);
    expect(bad.q_item_none).toBe(1);
    expect(bad.number_match).toBe(0);
    expect(bad.number_closeness).toBeCloseTo(18 / 23, 12);
    expect(bad.q_max_missing_idf).toBeGreaterThan(0);
    for (const name of ['bm25_item', 'bm25_title', 'bm25_item_norm', 'dice_title', 'dice_item', 'fields_matched', 'title_q_exact', 'item_q_exact'] as const) {
      expect(good[name], name).toBeGreaterThan(bad[name]);
    }
  });

  it('counts related words only through the lexicon it is given', () => {
    const lexicon = lexiconFromGroups([[stemWord('trip'), stemWord('journey')]]);
    const plain = named(featurizer.features('journey protection', travel));
    const related = named(new OverlapFeaturizer(stats, lexicon).features('journey protection', travel));
    expect(plain.q_item_related).toBe(0);
    expect(related.q_item_related).toBeCloseTo(0.5, 12);
    expect(related.title_q_related).toBeGreaterThan(0);
  });

  it('gives zeros, not NaN, for an empty query', () => {
    const values = featurizer.features('', dental);
    expect(values.every(Number.isFinite)).toBe(true);
    expect(named(values).q_item_none).toBe(0);
  });
});
