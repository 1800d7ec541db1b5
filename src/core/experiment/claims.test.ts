import { describe, expect, it } from 'vitest';
import { ALL_VARIANTS } from './variants';
import { CLAIMS, claimVerdict } from './claims';

describe('claims and their verdicts', () => {
  it('names only known variants, two different ones per claim', () => {
    for (const claim of CLAIMS) {
      expect(ALL_VARIANTS).toContain(claim.a);
      expect(ALL_VARIANTS).toContain(claim.b);
      expect(claim.a).not.toBe(claim.b);
    }
  });

  it('calls a claim shown only when the interval excludes zero on its side', () => {
    expect(claimVerdict('macro_f1', { low: 0.01, high: 0.2 })).toBe('shown');
    expect(claimVerdict('macro_f1', { low: -0.01, high: 0.2 })).toBe('not shown');
    expect(claimVerdict('macro_f1', { low: -0.2, high: -0.01 })).toBe('opposite shown');
    expect(claimVerdict('macro_f1', { low: 0, high: 0 })).toBe('not shown');
  });

  it('reads a lower-is-better metric the other way round', () => {
    expect(claimVerdict('ece', { low: -0.06, high: -0.01 })).toBe('shown');
    expect(claimVerdict('ece', { low: 0.01, high: 0.06 })).toBe('opposite shown');
    expect(claimVerdict('nll', { low: -0.06, high: 0.01 })).toBe('not shown');
  });
});
