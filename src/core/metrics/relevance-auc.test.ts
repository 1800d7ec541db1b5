import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { relevanceAuc } from './relevance-auc';

describe('relevance AUC (grade >= 1 vs grade 0, scored by 1 - p0)', () => {
  it('treats weak and strong alike as relevant and handles tied scores', () => {
    // 1 - p0 = [0.1, 0.6, 0.6, 0.9, 0.3, 0.6]; relevant: positions 2, 3, 4. Same pairs as the ROC test: 6/9.
    const labels: Grade[] = [0, 0, 1, 2, 1, 0];
    const probs = [
      [0.9, 0.1, 0],
      [0.4, 0.3, 0.3],
      [0.4, 0.6, 0],
      [0.1, 0.1, 0.8],
      [0.7, 0.2, 0.1],
      [0.4, 0, 0.6],
    ];
    expect(relevanceAuc(labels, probs)).toBeCloseTo(2 / 3, 12);
  });

  it('scores by 1 - p0, not by the expected grade', () => {
    // A (weak): [0.3, 0.7, 0] -> 1 - p0 = 0.7, expected grade 0.35. B (irrelevant): [0.5, 0, 0.5] -> 0.5 and 0.5.
    // By 1 - p0 the relevant A ranks first: AUC 1. By the expected grade it would be 0.
    expect(relevanceAuc([1, 0], [[0.3, 0.7, 0], [0.5, 0, 0.5]])).toBe(1);
  });

  it('is null when the split has no relevant or no irrelevant example', () => {
    expect(relevanceAuc([1, 2], [[0.5, 0.5, 0], [0.1, 0.1, 0.8]])).toBeNull();
    expect(relevanceAuc([0, 0], [[0.5, 0.5, 0], [0.1, 0.1, 0.8]])).toBeNull();
  });
});
