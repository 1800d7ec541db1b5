// The grading rules. strong (2): same category and every stated constraint met; weak (1): same
// category with a constraint violated, or an adjacent category; irrelevant (0): otherwise.
import type { Grade } from '../schema';
import { areAdjacent } from './catalog';
import { priceTier, requireCategory, type Product } from './product';
import { statedConstraints, type ConstraintName, type QuerySpec } from './query-spec';

export function constraintMet(spec: QuerySpec, name: ConstraintName, product: Product): boolean {
  const c = spec.constraints;
  switch (name) {
    case 'age':
      return product.minAge <= c.age! && c.age! <= product.maxAge;
    case 'maxPrice':
      return product.monthlyPrice <= c.maxPrice!;
    case 'tier':
      return priceTier(requireCategory(product.category), product.monthlyPrice) === c.tier;
    case 'minTermYears':
      return product.termYears >= c.minTermYears!;
    case 'feature':
      return product.features.includes(c.feature!);
    case 'noWaitingPeriod':
      return product.waitingDays === 0;
    case 'noMedicalExam':
      return !product.medicalExam;
    case 'brand':
      return product.brand === c.brand;
  }
}

export function gradeOf(spec: QuerySpec, product: Product): Grade {
  if (product.category === spec.category) {
    return statedConstraints(spec).every((name) => constraintMet(spec, name, product)) ? 2 : 1;
  }
  return areAdjacent(spec.category, product.category) ? 1 : 0;
}
