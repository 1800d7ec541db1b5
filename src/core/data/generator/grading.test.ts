import { describe, expect, it } from 'vitest';
import { areAdjacent, LIFELONG_YEARS } from './catalog';
import { gradeOf } from './grading';
import type { Product } from './product';
import type { QuerySpec } from './query-spec';

const product: Product = {
  category: 'critical_illness',
  brand: 'BluePeak',
  line: 0,
  titleVariant: 0,
  features: ['cancer', 'stroke'],
  minAge: 18,
  maxAge: 60,
  termYears: 20,
  monthlyPrice: 48,
  waitingDays: 90,
  medicalExam: true,
};

const spec = (constraints: QuerySpec['constraints'], category = 'critical_illness'): QuerySpec => ({ category, constraints });

describe('grading rules', () => {
  it('grades strong when the category matches and every stated constraint is met (bounds inclusive)', () => {
    expect(gradeOf(spec({}), product)).toBe(2);
    expect(gradeOf(spec({ age: 60, maxPrice: 48, minTermYears: 20, feature: 'stroke', brand: 'BluePeak' }), product)).toBe(2);
    expect(gradeOf(spec({ age: 18 }), product)).toBe(2);
    // 48 sits in the lower third of the 15-300 range.
    expect(gradeOf(spec({ tier: 'budget' }), product)).toBe(2);
  });

  it('grades weak when the category matches but any one constraint is violated', () => {
    expect(gradeOf(spec({ age: 61 }), product)).toBe(1);
    expect(gradeOf(spec({ age: 17 }), product)).toBe(1);
    expect(gradeOf(spec({ maxPrice: 45 }), product)).toBe(1);
    expect(gradeOf(spec({ tier: 'premium' }), product)).toBe(1);
    expect(gradeOf(spec({ minTermYears: 30 }), product)).toBe(1);
    expect(gradeOf(spec({ minTermYears: LIFELONG_YEARS }), product)).toBe(1);
    expect(gradeOf(spec({ feature: 'heart attack' }), product)).toBe(1);
    expect(gradeOf(spec({ noWaitingPeriod: true }), product)).toBe(1);
    expect(gradeOf(spec({ noMedicalExam: true }), product)).toBe(1);
    expect(gradeOf(spec({ brand: 'Redwood' }), product)).toBe(1);
    expect(gradeOf(spec({ age: 30, maxPrice: 40 }), product)).toBe(1);
  });

  it('grades an adjacent category weak even when every constraint is met, and any other category irrelevant', () => {
    expect(areAdjacent('cancer', 'critical_illness')).toBe(true);
    expect(areAdjacent('critical_illness', 'cancer')).toBe(true);
    expect(gradeOf(spec({ age: 30 }, 'cancer'), product)).toBe(1);
    expect(areAdjacent('travel', 'critical_illness')).toBe(false);
    expect(gradeOf(spec({}, 'travel'), product)).toBe(0);
  });

  it('meets "no waiting period" and "no medical exam" only for products without them', () => {
    const easy = { ...product, waitingDays: 0, medicalExam: false };
    expect(gradeOf(spec({ noWaitingPeriod: true, noMedicalExam: true }), easy)).toBe(2);
  });
});
