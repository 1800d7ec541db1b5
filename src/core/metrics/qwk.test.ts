import { describe, expect, it } from 'vitest';
import { EmptyMetricInputError } from './errors';
import { quadraticWeightedKappa, qwkFromConfusion, QWK_WHEN_UNDEFINED } from './qwk';

describe('quadratic-weighted kappa', () => {
  it('matches the hand computation on a small case', () => {
    // truth [0,1,2,2], predicted [0,2,2,1]: O rows [1,0,0] [0,0,1] [0,1,1]; row sums [1,1,2], column sums [1,1,2], n 4.
    // observed weighted disagreement: w(1,2) * 1 + w(2,1) * 1 = 1 + 1 = 2.
    // expected: sum_{i!=j} (i-j)^2 r_i c_j / 4 = (1*1*1 + 4*1*2 + 1*1*1 + 1*1*2 + 4*2*1 + 1*2*1) / 4 = 22 / 4 = 5.5.
    // kappa = 1 - 2 / 5.5 = 7/11; sklearn 1.2.1 cohen_kappa_score(weights='quadratic') gives 0.6363636363636364.
    expect(quadraticWeightedKappa([0, 1, 2, 2], [0, 2, 2, 1])).toBeCloseTo(7 / 11, 12);
  });

  it('matches sklearn on a twelve-example case', () => {
    // O rows [2,2,0] [0,2,2] [1,1,2]; row sums [4,4,4], column sums [3,5,4], n 12.
    // observed: 1*(2 + 2 + 1) + 4*1 = 9; expected: (4/12) * (1*5 + 4*4 + 1*3 + 1*4 + 4*3 + 1*5) = 45/3 = 15.
    // kappa = 1 - 9/15 = 0.4, as sklearn 1.2.1 gives.
    const truth = [0, 0, 1, 1, 2, 2, 2, 1, 0, 2, 1, 0];
    const predicted = [0, 1, 1, 2, 2, 1, 2, 1, 0, 0, 2, 1];
    expect(quadraticWeightedKappa(truth, predicted)).toBeCloseTo(0.4, 12);
  });

  it('is 1 for perfect agreement, -1 for a full reversal of two grades, 0 for constant opposite grades', () => {
    expect(quadraticWeightedKappa([0, 1, 2, 1], [0, 1, 2, 1])).toBe(1);
    // O (0,2)=1, (2,0)=1: observed 8; E (0,2)=(2,0)=1/2, expected 4*(1/2)*2 = 4; 1 - 8/4 = -1 (sklearn: -1.0).
    expect(quadraticWeightedKappa([0, 2], [2, 0])).toBeCloseTo(-1, 12);
    // E = O when all mass is in one cell: 1 - 1 = 0 (sklearn: 0.0).
    expect(quadraticWeightedKappa([0, 0, 0], [2, 2, 2])).toBeCloseTo(0, 12);
  });

  it('returns the documented 0 where sklearn returns NaN: truth and predictions all in one grade', () => {
    expect(QWK_WHEN_UNDEFINED).toBe(0);
    expect(quadraticWeightedKappa([1, 1, 1], [1, 1, 1])).toBe(0);
    expect(qwkFromConfusion([[0, 0, 0], [0, 0, 0], [0, 0, 5]])).toBe(0);
  });

  it('penalises a two-grade miss more than a one-grade miss (quadratic weights)', () => {
    // One miss 0 -> 1 in [0,1,2,0,1,2]: O rows [1,1,0] [0,2,0] [0,0,2], column sums [1,3,2]; observed 1;
    // expected (2/6) * ((1*3 + 4*2) + (1*1 + 1*2) + (4*1 + 1*3)) = 21/3 = 7; kappa = 1 - 1/7 = 6/7.
    expect(quadraticWeightedKappa([0, 1, 2, 0, 1, 2], [1, 1, 2, 0, 1, 2])).toBeCloseTo(6 / 7, 12);
    // One miss 0 -> 2: O rows [1,0,1] [0,2,0] [0,0,2], column sums [1,2,3]; observed 4;
    // expected (2/6) * ((1*2 + 4*3) + (1*1 + 1*3) + (4*1 + 1*2)) = 24/3 = 8; kappa = 1 - 4/8 = 0.5.
    expect(quadraticWeightedKappa([0, 1, 2, 0, 1, 2], [2, 1, 2, 0, 1, 2])).toBeCloseTo(0.5, 12);
  });

  it('refuses empty input with a named error', () => {
    expect(() => quadraticWeightedKappa([], [])).toThrow(EmptyMetricInputError);
    expect(() => qwkFromConfusion([[0, 0, 0], [0, 0, 0], [0, 0, 0]])).toThrow(EmptyMetricInputError);
  });
});
