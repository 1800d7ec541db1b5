// A generated insurance product and how it is shown as an item (title + fields). Every attribute
// a grade depends on is rendered, so the item text alone determines the grade.
import type { Item } from '../schema';
import { LIFELONG_YEARS, categoryByKey, PRODUCT_LINES, type Category } from './catalog';

export type PriceTier = 'budget' | 'standard' | 'premium';
export const PRICE_TIERS: readonly PriceTier[] = ['budget', 'standard', 'premium'];

export interface Product {
  category: string;
  brand: string;
  /** Index into PRODUCT_LINES and into the category's titles. */
  line: number;
  titleVariant: number;
  features: string[];
  minAge: number;
  maxAge: number;
  termYears: number;
  monthlyPrice: number;
  /** 0 for none. Only for categories with a waiting period. */
  waitingDays: number;
  medicalExam: boolean;
}

/** The price tier: the lower, middle or upper third of the category's price range. */
export function priceTier(category: Category, monthlyPrice: number): PriceTier {
  const [low, high] = category.price;
  const third = (high - low) / 3;
  if (monthlyPrice < low + third) return 'budget';
  if (monthlyPrice < low + 2 * third) return 'standard';
  return 'premium';
}

/** The price interval [min, max] (integers) of a tier within a category. */
export function tierBounds(category: Category, tier: PriceTier): [number, number] {
  const [low, high] = category.price;
  const third = (high - low) / 3;
  const index = PRICE_TIERS.indexOf(tier);
  const min = Math.ceil(low + index * third);
  const max = index === 2 ? high : Math.ceil(low + (index + 1) * third) - 1;
  return [min, Math.max(min, max)];
}

export function renderTerm(years: number): string {
  if (years >= LIFELONG_YEARS) return 'lifelong';
  return years === 1 ? '1 year' : `${years} years`;
}

export function requireCategory(key: string): Category {
  const category = categoryByKey(key);
  if (!category) throw new Error(`unknown insurance category "${key}"`);
  return category;
}

export function renderItem(product: Product): Item {
  const category = requireCategory(product.category);
  const title = `${product.brand} ${PRODUCT_LINES[product.line]} ${category.titles[product.titleVariant]}`;
  const fields: Record<string, string> = {
    category: category.name,
    brand: product.brand,
    coverage: product.features.join(', '),
    'eligible ages': `${product.minAge}-${product.maxAge}`,
    term: renderTerm(product.termYears),
    'monthly price': String(product.monthlyPrice),
    'price tier': priceTier(category, product.monthlyPrice),
  };
  if (category.hasWaitingPeriod) fields['waiting period'] = product.waitingDays === 0 ? 'none' : `${product.waitingDays} days`;
  if (category.hasMedicalExam) fields['medical exam'] = product.medicalExam ? 'required' : 'not required';
  return { title, fields };
}
