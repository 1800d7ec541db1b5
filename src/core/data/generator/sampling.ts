// Random query specs and products. Products are drawn with a target grade in mind (so every grade
// is well represented), but the label always comes from the rules in grading.ts.
import type { Grade } from '../schema';
import type { Rng } from '../../random';
import { ADJACENCY, LIFELONG_YEARS, PRODUCT_LINES, type Category } from './catalog';
import { constraintMet } from './grading';
import { PRICE_TIERS, requireCategory, tierBounds, type Product } from './product';
import { statedConstraints, type ConstraintName, type QuerySpec } from './query-spec';

/** What one query and its candidate items may draw on. */
export interface World {
  /** Categories the query's own category is drawn from. */
  queryCategories: readonly string[];
  /** Categories candidate items may have. */
  itemCategories: readonly string[];
  brands: readonly string[];
  /** Chance that a query names a brand. */
  brandRate: number;
}

const WAITING_DAYS = [30, 90, 180];

function between(rng: Rng, low: number, high: number): number {
  return low + rng.int(high - low + 1);
}

/** A round price limit people would type: multiples of 5 below 100, of 10 below 500, else of 50. */
function roundPrice(value: number): number {
  const step = value < 100 ? 5 : value < 500 ? 10 : 50;
  return Math.max(step, Math.round(value / step) * step);
}

export function sampleQuerySpec(rng: Rng, world: World): QuerySpec {
  const category = requireCategory(rng.pick(world.queryCategories));
  for (;;) {
    const spec = drawConstraints(rng, category, world);
    // Most real queries state at least one constraint; a few are just the category.
    if (statedConstraints(spec).length > 0 || rng.next() < 0.12) return spec; // about 2% end up bare
  }
}

export function drawConstraints(rng: Rng, category: Category, world: World): QuerySpec {
  const spec: QuerySpec = { category: category.key, constraints: {} };
  const c = spec.constraints;
  if (rng.next() < 0.55) {
    const [low, high] = rng.pick(category.ageRanges);
    c.age = Math.max(0, Math.min(90, between(rng, low - 6, high + 6)));
  }
  if (rng.next() < 0.4) {
    if (rng.next() < 0.75) {
      const [low, high] = category.price;
      c.maxPrice = roundPrice(low + (0.15 + 0.8 * rng.next()) * (high - low));
    } else {
      c.tier = rng.pick(PRICE_TIERS);
    }
  }
  if (category.terms.length > 1 && rng.next() < 0.25) c.minTermYears = rng.pick(category.terms.slice(1));
  if (rng.next() < 0.3) c.feature = rng.pick(category.features);
  if (category.hasWaitingPeriod && rng.next() < 0.2) c.noWaitingPeriod = true;
  if (category.hasMedicalExam && rng.next() < 0.15) c.noMedicalExam = true;
  if (rng.next() < world.brandRate) c.brand = rng.pick(world.brands);
  return spec;
}

/** Any product of a category, with no regard for a query. */
export function randomProduct(rng: Rng, categoryKey: string, brands: readonly string[]): Product {
  const category = requireCategory(categoryKey);
  const [minAge, maxAge] = rng.pick(category.ageRanges);
  const featureCount = 2 + rng.int(2);
  return {
    category: category.key,
    brand: rng.pick(brands),
    line: rng.int(PRODUCT_LINES.length),
    titleVariant: rng.int(category.titles.length),
    features: rng.shuffle(category.features).slice(0, featureCount),
    minAge,
    maxAge,
    termYears: rng.pick(category.terms),
    monthlyPrice: between(rng, category.price[0], category.price[1]),
    waitingDays: category.hasWaitingPeriod && rng.next() < 0.65 ? rng.pick(WAITING_DAYS) : 0,
    medicalExam: category.hasMedicalExam && rng.next() < 0.5,
  };
}

/** Changes the product so that one constraint holds (or breaks, when `satisfy` is false). Returns false if impossible. */
function adjust(rng: Rng, spec: QuerySpec, name: ConstraintName, product: Product, satisfy: boolean, brands: readonly string[]): boolean {
  const category = requireCategory(product.category);
  const c = spec.constraints;
  switch (name) {
    case 'age': {
      const age = c.age!;
      const ranges = category.ageRanges.filter(([low, high]) => (low <= age && age <= high) === satisfy);
      if (ranges.length === 0) return false;
      [product.minAge, product.maxAge] = rng.pick(ranges);
      return true;
    }
    case 'maxPrice': {
      const max = c.maxPrice!;
      // Violations are near misses: just above the limit, so the numbers must really be compared.
      const [low, high] = satisfy ? [category.price[0], max] : [max + 1, max + Math.max(5, Math.round(max * 0.4))];
      if (high < low) return false;
      product.monthlyPrice = between(rng, low, high);
      return true;
    }
    case 'tier': {
      const tier = satisfy ? c.tier! : rng.pick(PRICE_TIERS.filter((t) => t !== c.tier));
      const [low, high] = tierBounds(category, tier);
      product.monthlyPrice = between(rng, low, high);
      return true;
    }
    case 'minTermYears': {
      const terms = category.terms.filter((t) => (t >= c.minTermYears!) === satisfy);
      if (terms.length === 0) return false;
      product.termYears = rng.pick(terms);
      return true;
    }
    case 'feature': {
      const others = product.features.filter((f) => f !== c.feature);
      if (satisfy) product.features = rng.shuffle([c.feature!, ...others.slice(0, 2)]);
      else product.features = others.length > 0 ? others : rng.shuffle(category.features.filter((f) => f !== c.feature)).slice(0, 2);
      return true;
    }
    case 'noWaitingPeriod':
      if (!category.hasWaitingPeriod && !satisfy) return false;
      product.waitingDays = satisfy ? 0 : rng.pick(WAITING_DAYS);
      return true;
    case 'noMedicalExam':
      if (!category.hasMedicalExam && !satisfy) return false;
      product.medicalExam = !satisfy;
      return true;
    case 'brand': {
      const others = brands.filter((b) => b !== c.brand);
      if (!satisfy && others.length === 0) return false;
      product.brand = satisfy ? c.brand! : rng.pick(others);
      return true;
    }
  }
}

export function matchingProduct(rng: Rng, spec: QuerySpec, world: World): Product {
  const product = randomProduct(rng, spec.category, world.brands);
  for (const name of statedConstraints(spec)) {
    if (!constraintMet(spec, name, product)) adjust(rng, spec, name, product, true, world.brands);
  }
  return product;
}

function productOfOtherCategory(rng: Rng, spec: QuerySpec, world: World, adjacent: boolean): Product | null {
  const neighbours = ADJACENCY.get(spec.category)!;
  const keys = world.itemCategories.filter((key) => key !== spec.category && neighbours.has(key) === adjacent);
  if (keys.length === 0) return null;
  const product = randomProduct(rng, rng.pick(keys), world.brands);
  // Other-category items often share the query's brand, as real result lists do.
  if (spec.constraints.brand && rng.next() < 0.5) product.brand = spec.constraints.brand;
  return product;
}

/** A product aimed at a grade for this query. The aim can miss (e.g. no eligible ages fit); callers label with gradeOf. */
export function productForGrade(rng: Rng, spec: QuerySpec, world: World, target: Grade): Product {
  if (target === 2) return matchingProduct(rng, spec, world);
  if (target === 0) return productOfOtherCategory(rng, spec, world, false) ?? randomProduct(rng, spec.category, world.brands);
  const constraints = statedConstraints(spec);
  if (constraints.length > 0 && rng.next() < 0.7) {
    const product = matchingProduct(rng, spec, world);
    for (const name of rng.shuffle(constraints)) {
      if (adjust(rng, spec, name, product, false, world.brands)) return product;
    }
  }
  return productOfOtherCategory(rng, spec, world, true) ?? matchingProduct(rng, spec, world);
}
