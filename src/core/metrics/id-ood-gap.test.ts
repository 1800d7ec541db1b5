import { describe, expect, it } from 'vitest';
import { evaluateSplit, type SplitExample } from './evaluate-split';
import { idOodGap } from './id-ood-gap';

describe('ID-OOD gap', () => {
  it('is macro-F1(ID) - macro-F1(OOD) by default', () => {
    expect(idOodGap({ macro_f1: 0.8 }, { macro_f1: 0.55 })).toBeCloseTo(0.25, 12);
    expect(idOodGap({ macro_f1: 0.4 }, { macro_f1: 0.5 })).toBeCloseTo(-0.1, 12);
  });

  it('takes other metrics and is null when either side is undefined', () => {
    const id: SplitExample[] = [
      { id: 'a', query: 'q', label: 0, probs: [0.9, 0.1, 0] },
      { id: 'b', query: 'q', label: 2, probs: [0.1, 0.1, 0.8] },
      { id: 'c', query: 'q', label: 1, probs: [0.2, 0.7, 0.1] },
    ];
    const ood: SplitExample[] = [
      { id: 'd', query: 'r', label: 2, probs: [0.1, 0.6, 0.3] },
      { id: 'e', query: 'r', label: 1, probs: [0.5, 0.3, 0.2] },
    ];
    const idMetrics = evaluateSplit(id);
    const oodMetrics = evaluateSplit(ood);
    // ID: all right -> macro-F1 1. OOD: predictions 1, 0 against 2, 1 -> all F1 0.
    expect(idOodGap(idMetrics, oodMetrics)).toBe(1);
    expect(idOodGap(idMetrics, oodMetrics, 'accuracy')).toBe(1);
    // The OOD split has no irrelevant example: its AUC is undefined, so is the gap.
    expect(oodMetrics.auc).toBeNull();
    expect(idOodGap(idMetrics, oodMetrics, 'auc')).toBeNull();
  });
});
