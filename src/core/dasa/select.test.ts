import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../ood/matrix';
import { scoreFeatureSets } from '../ood/score-sets';
import { gaussianSets } from '../ood/synthetic';
import { selectDasa } from './select';
import type { DasaInput } from './types';

/** Cosine similarity of rows i and j, after subtracting the column means when `center`; float64 throughout. */
function cosine(features: Matrix, i: number, j: number, center: boolean): number {
  const d = features.cols;
  const mean = new Float64Array(d);
  if (center) for (let r = 0; r < features.rows; r++) for (let c = 0; c < d; c++) mean[c] += features.data[r * d + c] / features.rows;
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let c = 0; c < d; c++) {
    const a = features.data[i * d + c] - mean[c];
    const b = features.data[j * d + c] - mean[c];
    dot += a * b;
    ni += a * a;
    nj += b * b;
  }
  if (ni === 0 && nj === 0) return 1;
  return ni === 0 || nj === 0 ? 0 : dot / Math.sqrt(ni * nj);
}

function concatRows(parts: Matrix[]): Matrix {
  const data = new Float32Array(parts.reduce((sum, part) => sum + part.data.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return { data, rows: parts.reduce((sum, part) => sum + part.rows, 0), cols: parts[0].cols };
}

/** ID train/val and a pool of 700 ID + 300 OOD samples, scored by Mahalanobis and kNN. */
async function syntheticInput(): Promise<DasaInput & { trainSize: number }> {
  const sets = gaussianSets({ dims: 16, seed: 9 });
  const train = sets.sample('id', 600, 'train');
  const val = sets.sample('id', 300, 'val');
  const poolFeatures = concatRows([sets.sample('id', 700, 'pool').features, sets.sample('ood', 300, 'pool').features]);
  const poolIds = Array.from({ length: 1000 }, (_, i) => `pool-${i}`);
  const tags = new Map(poolIds.map((id, i) => [id, i >= 700 ? ['shifted'] : []]));
  const { scores } = await scoreFeatureSets(train.features, train.labels, { val: val.features, pool: poolFeatures }, { knn: { k: 20, method: 'exact' } });
  return { poolIds, poolFeatures, tags, trainSize: 600, scores: scores as DasaInput['scores'] };
}

describe('DASA selection', async () => {
  const input = await syntheticInput();

  it('takes the budget (5% of train by default) and picks OOD samples far above their share of the pool', () => {
    const result = selectDasa(input, { trainSize: input.trainSize });
    expect(result.selected).toHaveLength(30);
    expect(result.stats).toMatchObject({ pool: 1000, budget: 30, selected: 30, shortfall: 0 });
    expect(result.stats.oodTagged!.pool).toBeCloseTo(0.3, 12);
    expect(result.stats.oodTagged!.selected).toBeGreaterThanOrEqual(0.9);
    expect(result.stats.candidates).toBeGreaterThan(250);
    expect(new Set(result.selected).size).toBe(30);
  });

  it('prefers high combined scores: every candidate ranked above the last pick was picked or nearly duplicates a pick', () => {
    const result = selectDasa(input, { budget: 40, maxCosine: 0.6 });
    const picked = result.perSample.filter((record) => record.selected).sort((a, b) => a.selectionOrder! - b.selectionOrder!);
    expect(picked.map((record) => record.id)).toEqual(result.selected);
    expect(picked.map((record) => record.rank)).toEqual([...picked.map((record) => record.rank)].sort((a, b) => a - b));
    const lastRank = picked[picked.length - 1].rank;
    const passedOver = result.perSample.filter((record) => record.aboveThreshold && record.rank < lastRank && !record.selected);
    expect(passedOver.length).toBeGreaterThan(0);
    for (const record of passedOver) expect(record.nearDuplicateOf).not.toBeNull();
    expect(result.stats.skippedNearDuplicates).toBe(passedOver.length);
    expect(picked.every((record) => record.aboveThreshold)).toBe(true);
  });

  it('skips near-duplicates of the top samples and keeps the first of each', () => {
    // Append a copy of each of the 10 top-ranked samples, with the same scores, so each copy ranks right beside its original.
    const base = selectDasa(input, { budget: 10, maxCosine: 1 });
    const top = base.selected.map((id) => input.poolIds.indexOf(id));
    const d = input.poolFeatures.cols;
    const copies: Matrix = { data: new Float32Array(top.length * d), rows: top.length, cols: d };
    top.forEach((index, i) => copies.data.set(input.poolFeatures.data.subarray(index * d, (index + 1) * d), i * d));
    const withCopies: DasaInput = {
      poolIds: [...input.poolIds, ...top.map((index) => `copy-of-${input.poolIds[index]}`)],
      poolFeatures: concatRows([input.poolFeatures, copies]),
      scores: Object.fromEntries(
        Object.entries(input.scores).map(([name, { val, pool }]) => [name, { val, pool: [...Array.from(pool), ...top.map((index) => pool[index])] }]),
      ),
    };
    const result = selectDasa(withCopies, { budget: 20, maxCosine: 0.95 });
    expect(result.selected.some((id) => id.startsWith('copy-of-'))).toBe(false);
    for (const index of top) {
      const copy = result.perSample.find((record) => record.id === `copy-of-${input.poolIds[index]}`)!;
      expect(copy.nearDuplicateOf).toBe(input.poolIds[index]);
    }
    const indices = result.selected.map((id) => withCopies.poolIds.indexOf(id));
    for (const i of indices) for (const j of indices) if (i < j) expect(cosine(withCopies.poolFeatures, i, j, true)).toBeLessThanOrEqual(0.95);
  });

  it('is deterministic for the same inputs', () => {
    expect(selectDasa(input, { budget: 25, candidates: 'any' })).toEqual(selectDasa(input, { budget: 25, candidates: 'any' }));
  });

  it('reports a shortfall when candidates run out, and fills below the threshold only when asked', () => {
    const few = selectDasa(input, { budget: 900, maxCosine: 1 });
    expect(few.stats.selected).toBe(few.stats.candidates);
    expect(few.stats.shortfall).toBe(900 - few.stats.candidates);
    const filled = selectDasa(input, { budget: 900, maxCosine: 1, fillBelowThreshold: true });
    expect(filled.stats.selected).toBe(900);
    expect(filled.perSample.filter((record) => record.selected && !record.aboveThreshold)).toHaveLength(900 - few.stats.candidates);
  });

  it('never selects two samples with cosine above maxCosine (random pools with repeated rows)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: -0.5, max: 0.99, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 15 }),
        (seed, maxCosine, center, budget) => {
          const sets = gaussianSets({ dims: 4, seed, radius: 1 });
          const unique = sets.sample('id', 20, 'pool').features;
          // Every row appears twice: repeats must never both be chosen.
          const features = concatRows([unique, unique]);
          const poolIds = Array.from({ length: 40 }, (_, i) => `s${i}`);
          const scoreOf = (i: number) => ((i * 7919) % 40) / 40;
          const result = selectDasa(
            { poolIds, poolFeatures: features, scores: { only: { val: [0.1, 0.2, 0.3], pool: poolIds.map((_, i) => scoreOf(i)) } } },
            { budget, maxCosine, centerFeatures: center, fillBelowThreshold: true },
          );
          expect(result.selected.length).toBeLessThanOrEqual(budget);
          const indices = result.selected.map((id) => poolIds.indexOf(id));
          for (const i of indices) for (const j of indices) if (i < j) expect(cosine(features, i, j, center)).toBeLessThanOrEqual(maxCosine + 1e-5);
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });

  it('names malformed inputs', () => {
    expect(() => selectDasa(input)).toThrow(/give either a budget or the ID train size/);
    expect(() => selectDasa(input, { budget: -1 })).toThrow(/budget -1/);
    expect(() => selectDasa(input, { budget: 5, maxCosine: 2 })).toThrow(/maxCosine 2/);
    expect(() => selectDasa({ ...input, poolIds: input.poolIds.slice(1) }, { budget: 5 })).toThrow(/1000 pool feature rows for 999 pool ids/);
  });
});

describe('DASA selection with a cap per query', async () => {
  const input = await syntheticInput();
  // Ten neighbouring pool rows share a query, as the generator's candidates of one query do.
  const poolQueries = input.poolIds.map((_, i) => `q${Math.floor(i / 10)}`);
  const queriesOf = (selected: string[]) => selected.map((id) => poolQueries[input.poolIds.indexOf(id)]);
  const countsOf = (queries: string[]) => [...queries.reduce((m, q) => m.set(q, (m.get(q) ?? 0) + 1), new Map<string, number>()).values()];

  it('selects as before without a cap (null or absent), where queries repeat', () => {
    const plain = selectDasa(input, { trainSize: input.trainSize });
    const uncapped = selectDasa({ ...input, poolQueries }, { trainSize: input.trainSize, maxPerQuery: null });
    expect(uncapped).toEqual(plain);
    expect(Math.max(...countsOf(queriesOf(plain.selected)))).toBeGreaterThan(1);
  });

  it('gives every selected sample a distinct query at maxPerQuery 1, and at most 2 per query at 2', () => {
    const one = selectDasa({ ...input, poolQueries }, { trainSize: input.trainSize, maxPerQuery: 1 });
    expect(one.selected).toHaveLength(30);
    expect(new Set(queriesOf(one.selected)).size).toBe(30);
    expect(one.settings.maxPerQuery).toBe(1);
    const two = selectDasa({ ...input, poolQueries }, { trainSize: input.trainSize, maxPerQuery: 2 });
    expect(Math.max(...countsOf(queriesOf(two.selected)))).toBe(2);
  });

  it('rejects a cap that is not a whole number of at least 1, and a cap without the pool queries', () => {
    expect(() => selectDasa({ ...input, poolQueries }, { trainSize: input.trainSize, maxPerQuery: 0 })).toThrow(/maxPerQuery 0 must be a whole number/);
    expect(() => selectDasa(input, { trainSize: input.trainSize, maxPerQuery: 1 })).toThrow(/maxPerQuery needs each pool row's query/);
  });
});
