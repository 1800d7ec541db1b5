import { describe, expect, it } from 'vitest';
import type { Example, Grade } from '../data/schema';
import type { TestSplit } from '../pipeline/stages/evaluate';
import type { Prediction } from '../pipeline/stages/predict';
import { comparedPairs, withPairedDifferences } from './paired-differences';
import { PredictionsMismatchError } from './prediction-rows';
import type { ExperimentReport } from './report';
import { claimsSection, pairedDifferencesSection, shiftDifferencesSection } from './report-claims-md';

const VARIANTS = ['ce-ft', 'darl', 'ce-ft+dasa'];

function examples(split: TestSplit): Example[] {
  return Array.from({ length: 60 }, (_, i) => ({ id: `${split}-${i}`, query: `q${Math.floor(i / 3)}`, item: { title: 't', fields: {} }, grade: (i % 3) as Grade, split, tags: [] }));
}
const tests = { test_id: examples('test_id'), test_ood: examples('test_ood') };

/** darl right on every row; ce-ft right on a third of them; ce-ft+dasa as darl but confidently. */
function predictions(variant: string, split: TestSplit): Prediction[] {
  return tests[split].map((example, i) => {
    const right = variant !== 'ce-ft' || i % 3 === 0;
    const top = right ? example.grade! : ((example.grade! + 1) % 3);
    const confidence = variant === 'ce-ft+dasa' ? 0.98 : 0.6;
    return { id: example.id, label: example.grade!, probs: [0, 1, 2].map((k) => (k === top ? confidence : (1 - confidence) / 2)) };
  });
}

const report = { config: { variants: VARIANTS, seeds: [1, 2] } } as unknown as ExperimentReport;
const read = (variant: string, seed: string, split: TestSplit) => ({ predictions: predictions(variant, split), source: `predictions/${variant}/seed${seed}/${split}.jsonl` });

describe('pairedDifferences and claims of a report', () => {
  it('compares the claims\' pairs first, then each other variant against darl and ce-ft, each pair once', () => {
    expect(comparedPairs(['ce-ft', 'darl', 'ce-ft+dasa', 'darl-no-occ'])).toEqual([
      ['darl', 'ce-ft'],
      ['darl', 'ce-ft+dasa'],
      ['ce-ft+dasa', 'ce-ft'],
      ['darl-no-occ', 'darl'],
      ['darl-no-occ', 'ce-ft'],
    ]);
    expect(comparedPairs(['darl'])).toEqual([]);
  });

  it('gives every pair, split and metric an interval, and the claims whose variants ran with their verdicts', () => {
    const out = withPairedDifferences(report, tests, read, { replicates: 200 });
    expect(out.pairedDifferences).toHaveLength(3 * 2 * 4);
    const f1 = out.pairedDifferences!.find((d) => d.a === 'darl' && d.b === 'ce-ft' && d.split === 'test_ood' && d.metric === 'macro_f1')!;
    expect(f1).toMatchObject({ replicates: 200, seeds: 2, queries: 20, rng_seed: 1 });
    expect(f1.low).toBeGreaterThan(0);
    expect(out.claims!.map((claim) => [claim.a, claim.b, claim.metric, claim.verdict])).toEqual([
      ['darl', 'ce-ft', 'macro_f1', 'shown'],
      ['darl', 'ce-ft+dasa', 'macro_f1', 'not shown'],
      // ce-ft+dasa's 0.98 on rows it gets right is better calibrated than darl's 0.6: the claim's opposite.
      ['darl', 'ce-ft+dasa', 'ece', 'opposite shown'],
      // The in-distribution calibration claim; the temperature-scaled one needs the report's temperatures, which this one lacks.
      ['darl', 'ce-ft+dasa', 'ece', 'opposite shown'],
      ['ce-ft+dasa', 'ce-ft', 'macro_f1', 'shown'],
    ]);
    const md = [...claimsSection(out)!, ...pairedDifferencesSection(out)!].join('\n');
    expect(md).toContain('| DaRL as a whole beats plain fine-tuning under shift | `darl` - `ce-ft`, OOD macro-F1 (higher is better) |');
    expect(md).toMatch(/OOD ECE \(lower is better\) \| [^|]+ \| [^|]+ \| 2 \| opposite shown \|/);
    expect(md).toContain('## Paired differences (bootstrap)');
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = withPairedDifferences(report, tests, read, { replicates: 100, seed: 3 });
    expect(withPairedDifferences(report, tests, read, { replicates: 100, seed: 3 })).toEqual(a);
    expect(withPairedDifferences(report, tests, read, { replicates: 100, seed: 4 }).pairedDifferences).not.toEqual(a.pairedDifferences);
  });

  it('names the file whose ids are not the data\'s test rows, or not the rows of the other variants', () => {
    const unknownId = (variant: string, seed: string, split: TestSplit) => {
      const rows = read(variant, seed, split);
      return variant === 'darl' && split === 'test_ood' ? { ...rows, predictions: rows.predictions.map((p, i) => (i === 5 ? { ...p, id: 'elsewhere-1' } : p)) } : rows;
    };
    expect(() => withPairedDifferences(report, tests, unknownId)).toThrow(PredictionsMismatchError);
    expect(() => withPairedDifferences(report, tests, unknownId)).toThrow(/predictions\/darl\/seed1\/test_ood\.jsonl/);
    const fewer = (variant: string, seed: string, split: TestSplit) => {
      const rows = read(variant, seed, split);
      return variant === 'ce-ft+dasa' && seed === '2' ? { ...rows, predictions: rows.predictions.slice(1) } : rows;
    };
    expect(() => withPairedDifferences(report, tests, fewer)).toThrow(/predictions\/ce-ft\+dasa\/seed2\/test_id\.jsonl does not score the same rows as predictions\/ce-ft\/seed2\/test_id\.jsonl/);
  });

  it('breaks OOD test down by shift tag: a shift where the variants agree gives zero, one where they differ shows it', () => {
    // OOD rows 0-29 carry "shift-a", 30-59 "shift-b"; ce-ft is wrong only on shift-b (two rows in three).
    const tagged = { test_id: tests.test_id, test_ood: tests.test_ood.map((example, i) => ({ ...example, tags: [i < 30 ? 'shift-a' : 'shift-b'] })) };
    const byShift = (variant: string, seed: string, split: TestSplit) => {
      const rows = read(variant, seed, split);
      if (variant !== 'ce-ft' || split !== 'test_ood') return rows;
      return { ...rows, predictions: rows.predictions.map((p, i) => (i < 30 ? read('darl', seed, split).predictions[i] : p)) };
    };
    const out = withPairedDifferences(report, tagged, byShift, { replicates: 300 });
    const f1 = (shift: string) => out.pairedDifferencesByShift!.find((d) => d.shift === shift && d.a === 'darl' && d.b === 'ce-ft' && d.metric === 'macro_f1')!;
    expect(f1('shift-a')).toMatchObject({ mean: 0, low: 0, high: 0, queries: 10 });
    expect(f1('shift-b').low).toBeGreaterThan(0);
    expect(new Set(out.pairedDifferencesByShift!.map((d) => d.metric))).toEqual(new Set(['macro_f1', 'ece']));
    const md = shiftDifferencesSection(out)!.join('\n');
    expect(md).toContain('## OOD test by shift');
    expect(md).toMatch(/\| `darl` - `ce-ft` \| shift-b \| 10 \| \+0\.\d{3} \[\+0\.\d{3}, \+\d\.\d{3}\] \|/);
    expect(shiftDifferencesSection(withPairedDifferences(report, tests, read, { replicates: 50 }))).toBeNull();
  });

  it('gives each claim the t-interval over the seeds alone beside the bootstrap, from the per-seed results', () => {
    const split = (f1: number) => ({ test_id: { macro_f1: f1, ece: 0.1 }, test_ood: { macro_f1: f1, ece: 0.1 } });
    const results = { darl: { 1: split(0.6), 2: split(0.7) }, 'ce-ft': { 1: split(0.5), 2: split(0.5) } };
    const out = withPairedDifferences({ ...report, results } as unknown as ExperimentReport, tests, read, { replicates: 50 });
    const claim = out.claims!.find((c) => c.a === 'darl' && c.b === 'ce-ft')!;
    // Differences 0.1 and 0.2: mean 0.15, sd 0.0707, t(1) = 12.706, half-width 0.635.
    expect(claim.seedT!.n).toBe(2);
    expect(claim.seedT!.low).toBeCloseTo(0.15 - 0.6353, 3);
    expect(claim.seedT!.verdict).toBe('not shown');
    expect(claimsSection(out)!.join('\n')).toContain('not shown |');
    expect(out.claims!.find((c) => c.b === 'ce-ft+dasa')!.seedT).toBeNull();
  });

  it("scores the temperature-scaled claim on each model's predictions at its own temperature", () => {
    const scaledAt = (T: Record<string, number>) => {
      const results = Object.fromEntries(VARIANTS.map((variant) => [variant, Object.fromEntries(['1', '2'].map((seed) => [seed, { temperature_scaled: { test_id: { T: T[variant] }, test_ood: { T: T[variant] } } }]))]));
      const out = withPairedDifferences({ ...report, results } as unknown as ExperimentReport, tests, read, { replicates: 50 });
      return { scaled: out.claims!.find((c) => c.temperatureScaled)!, plain: out.claims!.find((c) => c.metric === 'ece' && c.split === 'test_ood' && !c.temperatureScaled)! };
    };
    const unit = scaledAt({ 'ce-ft': 1, darl: 1, 'ce-ft+dasa': 1 });
    expect(unit.scaled.mean).toBeCloseTo(unit.plain.mean, 12);
    // ce-ft+dasa (0.98 on rows all right) made less sure, darl (0.6, all right) made surer: darl's ECE falls below.
    const tuned = scaledAt({ 'ce-ft': 1, darl: 0.2, 'ce-ft+dasa': 3 });
    expect(tuned.plain.verdict).toBe('opposite shown');
    expect(tuned.scaled.mean).toBeLessThan(0);
  });
});
