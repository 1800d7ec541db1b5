import { describe, expect, it } from 'vitest';
import { MetricInputError } from './errors';
import { metricsByTag, UNTAGGED } from './by-tag';
import { macroF1 } from './classification';

const hot = (k: number) => [0, 1, 2].map((j) => (j === k ? 0.8 : 0.1));

describe('metrics by tag', () => {
  it('counts a row with several tags in each, and groups untagged rows', () => {
    const rows = [
      { label: 0 as const, probs: hot(0) }, // right
      { label: 1 as const, probs: hot(2) }, // wrong
      { label: 2 as const, probs: hot(2) }, // right
      { label: 1 as const, probs: hot(1) }, // right
    ];
    const byTag = metricsByTag(rows, [['typos'], ['typos', 'brand'], ['brand'], []]);
    expect(Object.keys(byTag)).toEqual([UNTAGGED, 'brand', 'typos']);
    // typos: rows 0 and 1; truth [0, 1], predicted [0, 2]: accuracy 1/2; F1 per grade 1, 0, 0.
    expect(byTag.typos).toEqual({ n: 2, accuracy: 0.5, macro_f1: macroF1([0, 1], [0, 2]) });
    expect(byTag.typos.macro_f1).toBeCloseTo(1 / 3, 12);
    // brand: rows 1 and 2; truth [1, 2], predicted [2, 2]: F1 grade 2 = 2/3, others 0.
    expect(byTag.brand.accuracy).toBe(0.5);
    expect(byTag.brand.macro_f1).toBeCloseTo(2 / 9, 12);
    expect(byTag[UNTAGGED]).toMatchObject({ n: 1, accuracy: 1 });
  });

  it('counts a tag listed twice on one row once', () => {
    expect(metricsByTag([{ label: 0, probs: hot(0) }], [['a', 'a']]).a.n).toBe(1);
  });

  it('refuses rows and tag lists that do not pair up', () => {
    expect(() => metricsByTag([{ label: 0, probs: hot(0) }], [])).toThrow(MetricInputError);
  });
});
