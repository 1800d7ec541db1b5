import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { CATEGORIES } from './catalog';
import type { Product } from './product';
import { createRaterPool, meanToGrade, panelGrade, RATER_SETTINGS } from './raters';
import { constraintPenalty, latentRelevance, type QueryHead, type RealisticSpec } from './realistic-relevance';
import { BROADER_TERMS, NARROWER_TERMS, PARAPHRASES } from './related-terms';

const product: Product = {
  category: 'critical_illness', brand: 'BluePeak', line: 0, titleVariant: 0, features: ['cancer', 'stroke'],
  minAge: 18, maxAge: 60, termYears: 20, monthlyPrice: 48, waitingDays: 0, medicalExam: false,
};
const same: QueryHead = { kind: 'same', phrase: 'critical illness insurance' };
const spec = (constraints: RealisticSpec['constraints'], head: QueryHead = same, category = 'critical_illness'): RealisticSpec => ({ category, constraints, head });
const score = (s: RealisticSpec, p: Product = product) => latentRelevance(s, p).score;

describe('latent relevance (realistic mode)', () => {
  it('orders category relations: same, narrower without its feature, adjacent, sibling, unrelated', () => {
    const bare = (category: string) => score(spec({ age: 30 }), { ...product, category });
    const narrower = score(spec({ age: 30 }, { kind: 'narrower', phrase: 'heart attack cover', feature: 'heart attack' }));
    const narrowerFits = score(spec({ age: 30 }, { kind: 'narrower', phrase: 'stroke insurance', feature: 'stroke' }));
    expect(narrowerFits).toBe(bare('critical_illness'));
    expect(bare('critical_illness')).toBeGreaterThan(narrower);
    expect(narrower).toBeGreaterThan(bare('cancer')); // adjacent
    expect(bare('cancer')).toBeGreaterThan(bare('term_life')); // siblings under "family protection"
    expect(bare('term_life')).toBeGreaterThan(bare('travel')); // unrelated
    expect(latentRelevance(spec({}), { ...product, category: 'travel' }).relation).toBe('unrelated');
  });

  it('scores a broader query on every member of its group, and a generic one on anything', () => {
    const life: QueryHead = { kind: 'broader', phrase: 'life insurance', members: ['term_life', 'whole_life'] };
    const onTermLife = latentRelevance(spec({ age: 30 }, life, 'term_life'), { ...product, category: 'term_life' });
    const onWholeLife = latentRelevance(spec({ age: 30 }, life, 'term_life'), { ...product, category: 'whole_life' });
    expect(onTermLife.relation).toBe('broader');
    expect(onWholeLife.score).toBe(onTermLife.score);
    const generic: QueryHead = { kind: 'broader', phrase: 'insurance', members: [], generic: true };
    expect(latentRelevance(spec({}, generic), { ...product, category: 'travel' }).relation).toBe('broader');
  });

  it('lowers the score softly: a near miss costs less than a far one, for every kind of constraint', () => {
    const near = (constraints: RealisticSpec['constraints'], p: Partial<Product>) => constraintPenalty(spec(constraints), Object.keys(constraints)[0] as never, { ...product, ...p });
    expect(near({ age: 61 }, {})).toBeGreaterThan(0);
    expect(near({ age: 61 }, {})).toBeLessThan(near({ age: 72 }, {}));
    expect(near({ maxPrice: 45 }, {})).toBeLessThan(near({ maxPrice: 20 }, {}));
    expect(near({ tier: 'standard' }, {})).toBeLessThan(near({ tier: 'premium' }, {}));
    expect(near({ minTermYears: 30 }, {})).toBeLessThan(near({ minTermYears: 100 }, {}));
    expect(near({ noWaitingPeriod: true }, { waitingDays: 30 })).toBeLessThan(near({ noWaitingPeriod: true }, { waitingDays: 180 }));
    expect(near({ age: 40, maxPrice: 48, tier: 'budget', minTermYears: 20, feature: 'stroke', noWaitingPeriod: true, noMedicalExam: true }, {})).toBe(0);
    // Each violation lowers the score further.
    expect(score(spec({ age: 40 }))).toBeGreaterThan(score(spec({ age: 61 })));
    expect(score(spec({ age: 61 }))).toBeGreaterThan(score(spec({ age: 61, feature: 'heart attack' })));
  });

  it('rewards the named brand and lowers a different one', () => {
    expect(score(spec({ age: 61, brand: 'BluePeak' }))).toBeGreaterThan(score(spec({ age: 61 })));
    expect(score(spec({ age: 61, brand: 'Redwood' }))).toBeLessThan(score(spec({ age: 61 })));
  });

  it('pulls the scores of vague queries toward the middle', () => {
    const vague: QueryHead = { kind: 'broader', phrase: 'insurance', members: [], generic: true };
    const specific = spec({ age: 30, maxPrice: 60 });
    const relevant = latentRelevance(spec({}, vague), product);
    expect(relevant.vagueness).toBe(1);
    expect(relevant.score).toBeGreaterThan(0.5);
    expect(relevant.score).toBeLessThan(score(specific));
    expect(latentRelevance(specific, product).vagueness).toBe(0);
  });
});

describe('simulated raters', () => {
  it('cuts the mean vote at the nearest grade, ties going to 1', () => {
    expect([0, 1 / 3, 0.5, 2 / 3, 1, 4 / 3, 1.5, 5 / 3, 2].map(meanToGrade)).toEqual([0, 0, 1, 1, 1, 1, 1, 2, 2]);
  });

  it('judges with panels of 3-5 raters who agree far from the thresholds and disagree near them', () => {
    const rng = createRng(1);
    const pool = createRaterPool(rng);
    const sizes = new Set<number>();
    const agreement = (latent: number) => {
      let same = 0;
      for (let i = 0; i < 400; i++) {
        const a = panelGrade(rng, pool, latent);
        sizes.add(a.votes.length);
        if (panelGrade(rng, pool, latent).grade === a.grade) same += 1;
      }
      return same / 400;
    };
    expect(agreement(0.05)).toBeGreaterThan(0.98);
    expect(agreement(0.97)).toBeGreaterThan(0.98);
    expect(agreement(RATER_SETTINGS.thresholds[1])).toBeLessThan(0.8);
    expect([...sizes].sort()).toEqual([3, 4, 5]);
  });
});

describe('related insurance terms', () => {
  it('has paraphrases and narrower terms for every category, naming only features the category has', () => {
    for (const category of CATEGORIES) {
      expect(PARAPHRASES[category.key]?.length, category.key).toBeGreaterThan(1);
      for (const term of NARROWER_TERMS[category.key] ?? []) if (term.feature) expect(category.features, term.phrase).toContain(term.feature);
      expect(NARROWER_TERMS[category.key]?.length, category.key).toBeGreaterThan(1);
    }
    const keys = CATEGORIES.map((c) => c.key);
    for (const term of BROADER_TERMS) for (const member of term.members) expect(keys).toContain(member);
  });

  it("never repeats the catalog's own words: no phrase is a synonym, slang word or need, or in two places", () => {
    const catalog = new Set(CATEGORIES.flatMap((c) => [...c.synonyms, ...c.colloquial, ...c.needs]));
    const phrases = [...Object.values(PARAPHRASES).flat(), ...Object.values(NARROWER_TERMS).flat().map((t) => t.phrase), ...BROADER_TERMS.flatMap((t) => t.phrases)];
    expect(phrases.filter((phrase) => catalog.has(phrase))).toEqual([]);
    expect(new Set(phrases).size).toBe(phrases.length);
  });
});
