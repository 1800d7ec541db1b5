// The realistic mode's latent relevance of a (query, product) pair, from 0 to 1, built from graded
// parts: how the item's category relates to what the query names (same, a kind of it, a group it
// belongs to, a neighbour, nothing), how well each stated constraint agrees (a near miss costs less
// than a far one), the brand, and how vague the query is (vague queries pull every score toward the
// middle, so most items are partially relevant). Simulated raters judge this score (raters.ts).
import { areAdjacent } from './catalog';
import { PRICE_TIERS, priceTier, requireCategory, type Product } from './product';
import { statedConstraints, type ConstraintName, type QuerySpec } from './query-spec';
import { areSiblings } from './related-terms';

/**
 * How the query names its category: `same` a catalog synonym, `paraphrase` other words for it,
 * `narrower` a kind of it ("stroke insurance"), `broader` a group it belongs to ("life insurance").
 */
export type HeadKind = 'same' | 'paraphrase' | 'narrower' | 'broader';

export interface QueryHead {
  kind: HeadKind;
  phrase: string;
  /** narrower: the coverage feature the term names, if any. */
  feature?: string;
  /** broader: the group's categories; generic terms ("insurance") hold every category. */
  members?: readonly string[];
  generic?: boolean;
}

/** A query spec with its head term. `category` is the category the constraints were drawn for. */
export interface RealisticSpec extends QuerySpec {
  head: QueryHead;
}

export type CategoryRelation = 'same' | 'narrower' | 'broader' | 'adjacent' | 'sibling' | 'unrelated';

/** Semantic part by relation (narrower: with the named feature / without it). */
export const SEMANTIC_SCORES = {
  same: 1,
  narrowerWithFeature: 1,
  narrowerWithoutFeature: 0.72,
  broaderMember: 0.8,
  generic: 0.7,
  adjacent: 0.42,
  sibling: 0.3,
  unrelated: 0.03,
} as const;

export const BRAND_MATCH_BONUS = 0.05;
export const BRAND_MISMATCH_PENALTY = 0.12;
/** How much a fully vague query (1) pulls scores toward 0.5: the spread shrinks by this share. */
export const VAGUENESS_PULL = 0.55;

export interface LatentRelevance {
  relation: CategoryRelation;
  semantic: number;
  /** Product of (1 - penalty) over the stated constraints other than brand; 1 when all are met. */
  attributes: number;
  /** +BRAND_MATCH_BONUS, -BRAND_MISMATCH_PENALTY (as a factor) or 0 when the query names no brand. */
  brand: number;
  /** 0 specific .. 1 vague. */
  vagueness: number;
  score: number;
}

function inScope(spec: RealisticSpec, category: string): boolean {
  const head = spec.head;
  if (head.kind === 'broader') return head.generic === true || (head.members ?? []).includes(category);
  return category === spec.category;
}

/** The categories a query is about: its own, or its broader term's members (every category for a generic term). */
export function scopeOf(spec: RealisticSpec, allCategories: readonly string[]): string[] {
  return allCategories.filter((category) => inScope(spec, category));
}

export function categoryRelation(spec: RealisticSpec, product: Product): { relation: CategoryRelation; semantic: number } {
  const head = spec.head;
  if (inScope(spec, product.category)) {
    if (head.kind === 'broader') return { relation: 'broader', semantic: head.generic ? SEMANTIC_SCORES.generic : SEMANTIC_SCORES.broaderMember };
    if (head.kind === 'narrower') {
      const fits = head.feature === undefined ? 0.8 : product.features.includes(head.feature) ? SEMANTIC_SCORES.narrowerWithFeature : SEMANTIC_SCORES.narrowerWithoutFeature;
      return { relation: 'narrower', semantic: fits };
    }
    return { relation: 'same', semantic: SEMANTIC_SCORES.same };
  }
  const anchors = head.kind === 'broader' ? [...(head.members ?? [])] : [spec.category];
  if (anchors.some((anchor) => areAdjacent(anchor, product.category))) return { relation: 'adjacent', semantic: SEMANTIC_SCORES.adjacent };
  if (anchors.some((anchor) => areSiblings(anchor, product.category))) return { relation: 'sibling', semantic: SEMANTIC_SCORES.sibling };
  return { relation: 'unrelated', semantic: SEMANTIC_SCORES.unrelated };
}

/** How much one stated constraint (not brand) lowers the score: 0 when met, more the further off. */
export function constraintPenalty(spec: QuerySpec, name: ConstraintName, product: Product): number {
  const c = spec.constraints;
  switch (name) {
    case 'age': {
      const off = Math.max(product.minAge - c.age!, c.age! - product.maxAge, 0);
      return off === 0 ? 0 : 0.15 + 0.3 * Math.min(1, (off - 1) / 9);
    }
    case 'maxPrice': {
      const over = (product.monthlyPrice - c.maxPrice!) / c.maxPrice!;
      return over <= 0 ? 0 : 0.13 + 0.3 * Math.min(1, over / 0.6);
    }
    case 'tier': {
      const steps = Math.abs(PRICE_TIERS.indexOf(priceTier(requireCategory(product.category), product.monthlyPrice)) - PRICE_TIERS.indexOf(c.tier!));
      return [0, 0.18, 0.38][steps];
    }
    case 'minTermYears': {
      const shortfall = 1 - product.termYears / c.minTermYears!;
      return shortfall <= 0 ? 0 : 0.14 + 0.25 * shortfall;
    }
    case 'feature':
      return product.features.includes(c.feature!) ? 0 : 0.22;
    case 'noWaitingPeriod':
      return product.waitingDays === 0 ? 0 : 0.1 + 0.2 * Math.min(1, product.waitingDays / 180);
    case 'noMedicalExam':
      return product.medicalExam ? 0.2 : 0;
    case 'brand':
      return 0; // brand is its own part
  }
}

/** 0 for a specific query; broader terms, generic terms and few constraints make it vaguer. */
export function vaguenessOf(spec: RealisticSpec): number {
  const head = spec.head;
  const fromHead = head.kind === 'broader' ? (head.generic ? 0.7 : 0.35) : 0;
  const count = statedConstraints(spec).length;
  const fromConstraints = count === 0 ? 0.3 : count === 1 ? 0.1 : 0;
  return Math.min(1, fromHead + fromConstraints);
}

export function latentRelevance(spec: RealisticSpec, product: Product): LatentRelevance {
  const { relation, semantic } = categoryRelation(spec, product);
  let attributes = 1;
  for (const name of statedConstraints(spec)) attributes *= 1 - constraintPenalty(spec, name, product);
  const wantedBrand = spec.constraints.brand;
  const brand = wantedBrand === undefined ? 0 : product.brand === wantedBrand ? BRAND_MATCH_BONUS : -BRAND_MISMATCH_PENALTY;
  const raw = semantic * attributes * (brand < 0 ? 1 + brand : 1) + (brand > 0 ? brand : 0);
  const vagueness = vaguenessOf(spec);
  const score = Math.min(1, Math.max(0, 0.5 + (raw - 0.5) * (1 - VAGUENESS_PULL * vagueness)));
  return { relation, semantic, attributes, brand, vagueness, score };
}
