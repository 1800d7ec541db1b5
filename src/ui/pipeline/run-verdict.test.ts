import { describe, expect, it } from 'vitest';
import { runVerdict, signedDifference } from './run-verdict';

describe('runVerdict', () => {
  it('says by how much darl beat ce-ft on OOD test, then on ID test', () => {
    expect(runVerdict({ darl: { id: 0.7, ood: 0.54 }, ceFt: { id: 0.66, ood: 0.45 }, seed: 1 })).toBe(
      "On OOD test, darl reached macro-F1 0.540 against ce-ft's 0.450 (+0.090); on ID test, 0.700 against 0.660 (+0.040); one seed (1), so a small difference may be chance.",
    );
  });

  it('says plainly when darl did worse', () => {
    expect(runVerdict({ darl: { id: 0.6, ood: 0.4 }, ceFt: { id: 0.66, ood: 0.45 }, seed: 3 })).toBe(
      "On OOD test, darl did not beat ce-ft: macro-F1 0.400 against ce-ft's 0.450 (−0.050); on ID test, 0.600 against 0.660 (−0.060); one seed (3), so a small difference may be chance.",
    );
  });

  it('calls equal scores at the shown precision the same', () => {
    expect(runVerdict({ darl: { id: 0.5, ood: 0.4501 }, ceFt: { id: 0.5, ood: 0.4502 }, seed: 1 })).toMatch(/^On OOD test, darl and ce-ft reached the same macro-F1 \(0\.450\); on ID test, 0\.500 against 0\.500 \(±0\.000\)/);
  });

  it('names the variant that is missing', () => {
    expect(runVerdict({ darl: { id: 0.7, ood: 0.5 }, ceFt: null, seed: 1 })).toBe(
      'darl reached macro-F1 0.500 on OOD test and 0.700 on ID test; ce-ft has not run with these settings, so there is nothing to compare it with yet.',
    );
    expect(runVerdict({ darl: null, ceFt: { id: 0.6, ood: 0.4 }, seed: 1 })).toMatch(/^ce-ft reached macro-F1 0\.400 on OOD test .*; darl has not run/);
    expect(runVerdict({ darl: null, ceFt: null, seed: 1 })).toBeNull();
  });

  it('signs differences with a true minus and never shows -0', () => {
    expect(signedDifference(0.0904)).toBe('+0.090');
    expect(signedDifference(-0.05)).toBe('−0.050');
    expect(signedDifference(-0.0001)).toBe('±0.000');
  });
});
