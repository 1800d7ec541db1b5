// What a query asks for, before it is put into words: a category and optional constraints.
import type { PriceTier } from './product';

export interface QueryConstraints {
  /** Age of the insured (person or pet); met when inside the product's eligible ages. */
  age?: number;
  /** Highest acceptable monthly price. */
  maxPrice?: number;
  /** Wanted price tier ("cheap", "premium"...). */
  tier?: PriceTier;
  /** Shortest acceptable term in years (LIFELONG_YEARS: whole of life). */
  minTermYears?: number;
  /** A coverage feature the product must list. */
  feature?: string;
  /** "no waiting period": the product's waiting period must be none. */
  noWaitingPeriod?: boolean;
  /** "no medical exam": the product must not require one. */
  noMedicalExam?: boolean;
  brand?: string;
}

export type ConstraintName = keyof QueryConstraints;

export interface QuerySpec {
  category: string;
  constraints: QueryConstraints;
}

export function statedConstraints(spec: QuerySpec): ConstraintName[] {
  return (Object.keys(spec.constraints) as ConstraintName[]).filter((name) => spec.constraints[name] !== undefined);
}
