import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { evaluateSplit, type SplitExample, type SplitMetrics } from './evaluate-split';
import { oodDetectionMetrics } from './ood-detection';

const grade = fc.constantFrom<Grade>(0, 1, 2);
// Three positive weights normalised to a distribution; some rows are exactly one-hot.
const probs = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })).map(([a, b, c]) => {
    const sum = a + b + c;
    return [a / sum, b / sum, c / sum];
  }),
  grade.map((g) => [0, 1, 2].map((k) => (k === g ? 1 : 0))),
);
const examples = fc
  .array(fc.record({ query: fc.constantFrom('q1', 'q2', 'q3', 'q4'), label: grade, probs }), { minLength: 1, maxLength: 60 })
  .map((rows) => rows.map((row, i): SplitExample => ({ id: `ex${i}`, ...row })));

const unitMetrics = ['accuracy', 'macro_f1', 'ece', 'auc', 'ndcg@5', 'ndcg@10', 'mrr', 'precision@5', 'precision@10'] as const;

function expectSameMetrics(a: SplitMetrics, b: SplitMetrics): void {
  expect(b.confusion_matrix).toEqual(a.confusion_matrix);
  expect(b.reliability.map((bin) => bin.count)).toEqual(a.reliability.map((bin) => bin.count));
  for (const key of [...unitMetrics, 'qwk'] as const) {
    if (a[key] === null) expect(b[key]).toBeNull();
    else expect(b[key]).toBeCloseTo(a[key] as number, 10);
  }
}

describe('evaluateSplit properties', () => {
  it('keeps every metric in its range and every count consistent', () => {
    fc.assert(
      fc.property(examples, (split) => {
        const m = evaluateSplit(split);
        for (const key of unitMetrics) {
          const value = m[key];
          if (value !== null) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
        expect(m.qwk).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(m.qwk).toBeLessThanOrEqual(1 + 1e-12);
        expect(m.confusion_matrix.flat().reduce((s, v) => s + v, 0)).toBe(split.length);
        expect(m.reliability.reduce((s, bin) => s + bin.count, 0)).toBe(split.length);
        expect(m.per_class.reduce((s, c) => s + c.support, 0)).toBe(split.length);
        for (const c of m.per_class) for (const v of [c.precision, c.recall, c.f1]) expect(v >= 0 && v <= 1).toBe(true);
        const hasRelevant = split.some((e) => e.label >= 1);
        const hasIrrelevant = split.some((e) => e.label === 0);
        expect(m.auc === null).toBe(!(hasRelevant && hasIrrelevant));
        expect(m['ndcg@5'] === null).toBe(!hasRelevant);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the examples', () => {
    fc.assert(
      fc.property(
        examples.chain((split) => fc.tuple(fc.constant(split), fc.shuffledSubarray(split, { minLength: split.length, maxLength: split.length }))),
        ([split, shuffled]) => expectSameMetrics(evaluateSplit(split), evaluateSplit(shuffled)),
      ),
      { numRuns: 150 },
    );
  });

  it('gives perfect scores to predictions that put their mass on the gold grade', () => {
    fc.assert(
      fc.property(examples, fc.double({ min: 0.5, max: 1, noNaN: true }), (split, peak) => {
        const rest = (1 - peak) / 2;
        const perfect = split.map((e) => ({ ...e, probs: [0, 1, 2].map((k) => (k === e.label ? peak : rest)) }));
        const m = evaluateSplit(perfect);
        expect(m.accuracy).toBe(1);
        const grades = new Set(split.map((e) => e.label));
        // macro-F1 averages over all three grades (sklearn labels=[0,1,2]): 1 only when each grade occurs.
        expect(m.macro_f1).toBeCloseTo(grades.size / 3, 12);
        if (grades.size > 1) {
          expect(m.qwk).toBeCloseTo(1, 12);
        }
        if (grades.has(0) && grades.size > 1) expect(m.auc).toBe(1);
        if (m['ndcg@5'] !== null) {
          expect(m['ndcg@5']).toBeCloseTo(1, 12);
          expect(m['ndcg@10']).toBeCloseTo(1, 12);
          expect(m.mrr).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('OOD detection properties', () => {
  const scores = fc.array(fc.integer({ min: -5, max: 5 }).map((v) => v / 2), { minLength: 1, maxLength: 40 });
  it('stays in range, and swapping the populations with a negated score keeps AUROC', () => {
    fc.assert(
      fc.property(scores, scores, (id, ood) => {
        const r = oodDetectionMetrics(id, ood);
        for (const v of [r.auroc, r.fpr95, r.aupr_in, r.aupr_out]) expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
        const mirrored = oodDetectionMetrics(ood.map((v) => -v), id.map((v) => -v));
        expect(mirrored.auroc).toBeCloseTo(r.auroc, 12);
        expect(mirrored.aupr_out).toBeCloseTo(r.aupr_in, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('scores a shift that separates the populations as perfect', () => {
    fc.assert(
      fc.property(scores, scores, (id, ood) => {
        const top = Math.max(...id);
        const r = oodDetectionMetrics(id, ood.map((v) => v + top - Math.min(...ood) + 1));
        expect(r).toMatchObject({ auroc: 1, fpr95: 0 });
        // The PR areas add recall steps of 1/n in floating point.
        expect(r.aupr_in).toBeCloseTo(1, 12);
        expect(r.aupr_out).toBeCloseTo(1, 12);
      }),
      { numRuns: 100 },
    );
  });
});
