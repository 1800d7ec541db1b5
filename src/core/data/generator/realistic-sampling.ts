// Realistic mode: query specs with a head term (same, paraphrase, narrower, broader) and candidate
// products drawn from a per-query mixture of kinds (full match, near miss, far miss, related
// category, unrelated), so each query gets its own, uneven grade mix. The grade always comes from
// the raters judging the latent score (realistic-relevance.ts, raters.ts), never from the kind.
import type { Rng } from '../../random';
import { ADJACENCY, CATEGORIES, categoryByKey } from './catalog';
import { PRICE_TIERS, requireCategory, tierBounds, type Product } from './product';
import { statedConstraints, type ConstraintName } from './query-spec';
import { scopeOf, type QueryHead, type RealisticSpec } from './realistic-relevance';
import { broaderTermsOf, NARROWER_TERMS, PARAPHRASES, areSiblings } from './related-terms';
import { drawConstraints, randomProduct, type World } from './sampling';

/** Chances of each head kind (broader only where the query may name a group, see sampleRealisticSpec). */
export const HEAD_WEIGHTS = { same: 0.3, paraphrase: 0.3, narrower: 0.2, broader: 0.2 } as const;
/** Share of broader heads that are generic ("insurance", "a policy"). */
const GENERIC_SHARE = 0.2;

export type CandidateKind = 'match' | 'near' | 'far' | 'related' | 'unrelated';
export const CANDIDATE_KINDS: readonly CandidateKind[] = ['match', 'near', 'far', 'related', 'unrelated'];
/** Mean mixture of candidate kinds; each query scales every weight by exp(MIX_SPREAD * normal). */
export const CANDIDATE_WEIGHTS: Readonly<Record<CandidateKind, number>> = { match: 0.16, near: 0.26, far: 0.24, related: 0.22, unrelated: 0.12 };
const MIX_SPREAD = 0.7;
/** Extra weight per shared word when drawing an out-of-scope category (see otherCategoryProduct). */
export const RETRIEVAL_PULL = 3;

const WAITING_DAYS = [30, 90, 180];

function between(rng: Rng, low: number, high: number): number {
  return low + rng.int(high - low + 1);
}

function pickHead(rng: Rng, category: string, allowBroader: boolean): QueryHead {
  const weights = { ...HEAD_WEIGHTS, broader: allowBroader ? HEAD_WEIGHTS.broader : 0 };
  const total = weights.same + weights.paraphrase + weights.narrower + weights.broader;
  let point = rng.next() * total;
  if ((point -= weights.same) < 0) return { kind: 'same', phrase: rng.pick(requireCategory(category).synonyms) };
  if ((point -= weights.paraphrase) < 0) return { kind: 'paraphrase', phrase: rng.pick(PARAPHRASES[category]) };
  if ((point -= weights.narrower) < 0) {
    const term = rng.pick(NARROWER_TERMS[category]);
    return term.feature === undefined ? { kind: 'narrower', phrase: term.phrase } : { kind: 'narrower', phrase: term.phrase, feature: term.feature };
  }
  const terms = broaderTermsOf(category);
  const generic = terms.filter((term) => term.generic);
  const groups = terms.filter((term) => !term.generic);
  const term = groups.length === 0 || rng.next() < GENERIC_SHARE ? rng.pick(generic) : rng.pick(groups);
  return term.generic ? { kind: 'broader', phrase: rng.pick(term.phrases), members: [], generic: true } : { kind: 'broader', phrase: rng.pick(term.phrases), members: term.members };
}

/**
 * A query: a category, constraints as in rules mode (but bare queries are allowed: about 11% state
 * none) and a head term. Under unseen_category the head never is a broader term, so the query is
 * really about the unseen category.
 */
export function sampleRealisticSpec(rng: Rng, world: World, allowBroader: boolean): RealisticSpec {
  const category = requireCategory(rng.pick(world.queryCategories));
  const base = drawConstraints(rng, category, world);
  return { ...base, head: pickHead(rng, category.key, allowBroader) };
}

/** Sets one constraint's attribute to meet it, miss it narrowly or miss it by far. False when the category cannot. */
export function setConstraint(rng: Rng, spec: RealisticSpec, name: ConstraintName, product: Product, how: 'meet' | 'near' | 'far', brands: readonly string[]): boolean {
  const category = requireCategory(product.category);
  const c = spec.constraints;
  switch (name) {
    case 'age': {
      const age = c.age!;
      if (how === 'meet') {
        const ranges = category.ageRanges.filter(([low, high]) => low <= age && age <= high);
        if (ranges.length === 0) return false;
        [product.minAge, product.maxAge] = rng.pick(ranges);
        return true;
      }
      // The range ends `off` years below the age, or starts `off` years above it, within the
      // category's usual ages and at least 5 years wide.
      const off = how === 'near' ? between(rng, 1, 3) : between(rng, 7, 15);
      const width = product.maxAge - product.minAge;
      const oldest = Math.max(...category.ageRanges.map(([, high]) => high));
      const below = age - off >= 5;
      const above = age + off + 5 <= oldest;
      if (!below && !above) return false;
      if (below && (!above || rng.next() < 0.5)) [product.minAge, product.maxAge] = [Math.max(0, age - off - width), age - off];
      else [product.minAge, product.maxAge] = [age + off, Math.min(oldest, age + off + width)];
      return true;
    }
    case 'maxPrice': {
      const max = c.maxPrice!;
      const [low, high] =
        how === 'meet' ? [category.price[0], max] : how === 'near' ? [max + 1, max + Math.max(3, Math.round(max * 0.15))] : [Math.round(max * 1.5), Math.round(max * 2.6)];
      if (high < low) return false;
      product.monthlyPrice = between(rng, low, high);
      return true;
    }
    case 'tier': {
      const wanted = PRICE_TIERS.indexOf(c.tier!);
      const options = PRICE_TIERS.filter((_, index) => Math.abs(index - wanted) === (how === 'meet' ? 0 : how === 'near' ? 1 : 2));
      if (options.length === 0) return false;
      const [low, high] = tierBounds(category, rng.pick(options));
      product.monthlyPrice = between(rng, low, high);
      return true;
    }
    case 'minTermYears': {
      const shorter = category.terms.filter((t) => t < c.minTermYears!);
      const terms = how === 'meet' ? category.terms.filter((t) => t >= c.minTermYears!) : how === 'near' ? shorter.slice(-1) : shorter.slice(0, 1);
      if (terms.length === 0) return false;
      product.termYears = rng.pick(terms);
      return true;
    }
    case 'feature': {
      if (how === 'meet') {
        if (!category.features.includes(c.feature!)) return false;
        if (!product.features.includes(c.feature!)) product.features = rng.shuffle([c.feature!, ...product.features.slice(0, 2)]);
        return true;
      }
      const others = product.features.filter((f) => f !== c.feature);
      product.features = others.length > 0 ? others : rng.shuffle(category.features.filter((f) => f !== c.feature)).slice(0, 2);
      return true;
    }
    case 'noWaitingPeriod':
      if (!category.hasWaitingPeriod) return how === 'meet';
      product.waitingDays = how === 'meet' ? 0 : how === 'near' ? WAITING_DAYS[0] : rng.pick(WAITING_DAYS.slice(1));
      return true;
    case 'noMedicalExam':
      if (!category.hasMedicalExam) return how === 'meet';
      product.medicalExam = how !== 'meet';
      return true;
    case 'brand': {
      const others = brands.filter((b) => b !== c.brand);
      if (how !== 'meet' && others.length === 0) return false;
      product.brand = how === 'meet' ? c.brand! : rng.pick(others);
      return true;
    }
  }
}

export function drawCandidateKind(rng: Rng, weights: Readonly<Record<CandidateKind, number>>): CandidateKind {
  const total = CANDIDATE_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
  let point = rng.next() * total;
  for (const kind of CANDIDATE_KINDS) {
    point -= weights[kind];
    if (point < 0) return kind;
  }
  return 'unrelated';
}

/** This query's mixture of candidate kinds: the mean weights, each scaled by its own random factor. */
export function candidateMix(rng: Rng): Record<CandidateKind, number> {
  const mix = {} as Record<CandidateKind, number>;
  for (const kind of CANDIDATE_KINDS) mix[kind] = CANDIDATE_WEIGHTS[kind] * Math.exp(MIX_SPREAD * rng.normal());
  return mix;
}

/** A product of an in-scope category meeting every constraint it can. */
function inScopeProduct(rng: Rng, spec: RealisticSpec, world: World): Product {
  const scope = scopeOf(spec, world.itemCategories);
  const category = scope.includes(spec.category) && (spec.head.kind !== 'broader' || rng.next() < 0.4) ? spec.category : rng.pick(scope);
  const product = randomProduct(rng, category, world.brands);
  const feature = spec.head.feature;
  if (feature !== undefined && category === spec.category && !product.features.includes(feature) && rng.next() < 0.75) {
    product.features = rng.shuffle([feature, ...product.features.slice(0, 2)]);
  }
  for (const name of statedConstraints(spec)) setConstraint(rng, spec, name, product, 'meet', world.brands);
  return product;
}

/** Words too common in insurance to tell categories apart. */
const COMMON_WORDS = new Set(['insurance', 'cover', 'plan', 'policy', 'protection', 'assurance', 'for', 'with', 'and', 'the', 'care', 'plus', 'family']);

/** The distinctive words an item of the category can show (name, titles, features). */
const ITEM_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  CATEGORIES.map((category) => {
    const text = [category.name, ...category.titles, ...category.features].join(' ').toLowerCase();
    return [category.key, new Set(text.split(/[^a-z]+/).filter((word) => word.length >= 3 && !COMMON_WORDS.has(word)))];
  }),
);

/** How many of the query's words an item of the category could show. */
function sharedWords(queryWords: readonly string[], category: string): number {
  const words = ITEM_WORDS.get(category)!;
  return queryWords.filter((word) => words.has(word)).length;
}

/**
 * A product of a category out of the query's scope: related (adjacent or sibling) or unrelated.
 * Candidate lists come from a lexical search engine, as WANDS' and ESCI's did, so a category is
 * drawn with weight 1 + RETRIEVAL_PULL x (query words its items can show): unrelated items often
 * share a word with the query.
 */
function otherCategoryProduct(rng: Rng, spec: RealisticSpec, world: World, related: boolean, queryWords: readonly string[]): Product | null {
  const scope = new Set(scopeOf(spec, world.itemCategories));
  const anchors = spec.head.kind === 'broader' ? [...scope] : [spec.category];
  const isRelated = (key: string) => anchors.some((anchor) => ADJACENCY.get(anchor)!.has(key) || areSiblings(anchor, key));
  const keys = world.itemCategories.filter((key) => !scope.has(key) && isRelated(key) === related);
  if (keys.length === 0) return null;
  const weights = keys.map((key) => 1 + RETRIEVAL_PULL * sharedWords(queryWords, key));
  let point = rng.next() * weights.reduce((sum, weight) => sum + weight, 0);
  let chosen = keys[keys.length - 1];
  for (let i = 0; i < keys.length; i++) {
    if ((point -= weights[i]) < 0) {
      chosen = keys[i];
      break;
    }
  }
  const product = randomProduct(rng, chosen, world.brands);
  // Related items often meet the query's age and price too, and share its brand, as real result lists do.
  for (const name of statedConstraints(spec)) {
    if ((name === 'age' || name === 'maxPrice' || name === 'brand') && rng.next() < 0.5) setConstraint(rng, spec, name, product, 'meet', world.brands);
  }
  return product;
}

/** One candidate product of a kind for this query (the kind can fall back to another when impossible). */
export function candidateProduct(rng: Rng, spec: RealisticSpec, world: World, kind: CandidateKind, queryWords: readonly string[] = []): Product {
  if (kind === 'related' || kind === 'unrelated') {
    const product = otherCategoryProduct(rng, spec, world, kind === 'related', queryWords) ?? otherCategoryProduct(rng, spec, world, kind !== 'related', queryWords);
    if (product) return product;
  }
  const product = inScopeProduct(rng, spec, world);
  if (kind === 'near' || kind === 'far') {
    const names = rng.shuffle(statedConstraints(spec));
    const misses = kind === 'near' ? (rng.next() < 0.75 ? 1 : 2) : 1 + rng.int(3);
    let missed = 0;
    for (const name of names) {
      if (missed >= misses) break;
      if (setConstraint(rng, spec, name, product, kind, world.brands) || (kind === 'far' && setConstraint(rng, spec, name, product, 'near', world.brands))) missed += 1;
    }
    if (missed === 0 && spec.head.kind === 'narrower' && spec.head.feature !== undefined) {
      // A bare narrower query misses by lacking the feature the term names.
      const category = categoryByKey(product.category)!;
      product.features = rng.shuffle(category.features.filter((f) => f !== spec.head.feature)).slice(0, 2 + rng.int(2));
    }
  }
  return product;
}
