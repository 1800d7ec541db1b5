import { describe, expect, it } from 'vitest';
import type { SplitMetrics } from '../metrics/evaluate-split';
import { mergeReports } from './merge-reports';
import { REPORT_FORMAT, REPORT_VERSION, type ExperimentReport, type ReportBaseline, type VariantSeedResult } from './report';
import { reportMarkdown } from './report-md';
import { baselineVerdicts, summarizeSeeds } from './summarize';

const metrics = (macro_f1: number) =>
  ({ n: 10, accuracy: macro_f1, macro_f1, qwk: 0.5, ece: 0.1, nll: 0.9, brier: 0.6, auc: 0.8, 'ndcg@5': 0.9, 'ndcg@10': 0.9, 'random_ndcg@5': 0.79, 'random_ndcg@10': 0.79, mrr: 1, 'precision@5': 0.5, 'precision@10': 0.5, per_class: [], confusion_matrix: [], reliability: [], queries: 2, ranked_queries: 2 }) as SplitMetrics;
const detector = { auroc: 0.6, fpr95: 0.9 };
const result = (id: number, ood: number) =>
  ({ test_id: metrics(id), test_ood: metrics(ood), ood: { mahalanobis: detector, knn: detector, msp: detector, energy: detector }, id_ood_gap: { macro_f1: id - ood }, dasa: null, interpolation: null, seconds: {}, stages: {} }) as unknown as VariantSeedResult;
const baseline = (id: number, ood: number, description: string): ReportBaseline => ({ test_id: metrics(id), test_ood: metrics(ood), id_ood_gap: { macro_f1: id - ood }, seconds: 1, description });
const BASELINES = { overlap: baseline(0.7, 0.46, 'overlap features with boosted trees'), 'bag-of-words': baseline(0.69, 0.38, 'hashed words') };

/** A report of two variants over the given seeds: darl above the overlap baseline on ID only, ce-ft below on both. */
function report(seeds: number[], withBaselines = true): ExperimentReport {
  const values: Record<string, [number, number][]> = { darl: [[0.74, 0.43], [0.72, 0.47]], 'ce-ft': [[0.6, 0.34], [0.62, 0.33]] };
  const results = Object.fromEntries(Object.entries(values).map(([variant, pairs]) => [variant, Object.fromEntries(seeds.map((seed) => [String(seed), result(...pairs[seed - 1])]))]));
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    config: { data: { source: 'd', fingerprint: 'f', examples: {}, pool_gold: true }, preset: 'nano', budget: 'full', seeds, variants: ['darl', 'ce-ft'], backend: 'wasm', variant_descriptions: {}, settings: {} },
    results,
    summary: Object.fromEntries(Object.entries(results).map(([variant, bySeed]) => [variant, summarizeSeeds(Object.values(bySeed))])),
    ...(withBaselines ? { baselines: BASELINES } : {}),
    reuse: [],
    seconds: { wall: 1, computed_by_stage: {}, by_stage: {}, per_seed: Object.fromEntries(seeds.map((seed) => [String(seed), {}])) },
  } as ExperimentReport;
}

describe('the baselines in the experiment report', () => {
  it('say per variant whether its mean macro-F1 beats the overlap baseline, and on how many seeds', () => {
    const verdicts = baselineVerdicts(report([1, 2]), BASELINES.overlap);
    expect(verdicts.darl.test_id).toMatchObject({ beats: true, seedsBeating: 2, seeds: 2, baseline: 0.7 });
    expect(verdicts.darl.test_ood.variant).toBeCloseTo(0.45, 12);
    expect(verdicts.darl.test_ood).toMatchObject({ beats: false, seedsBeating: 1, seeds: 2 }); // one seed above, the mean below
    expect(verdicts['ce-ft'].test_ood).toMatchObject({ beats: false, seedsBeating: 0 });
  });

  it('are rows of the results tables in report.md, with a plain sentence per variant', () => {
    const markdown = reportMarkdown(report([1, 2]));
    expect(markdown).toContain('| *overlap baseline* | 0.700 | 0.700 | 0.500 | 0.100 | 0.800 | 0.900 | 0.900 |');
    expect(markdown).toContain('| *overlap baseline* | 0.460 | 0.460 |');
    expect(markdown).toContain('| *bag-of-words baseline* | 0.380 |');
    expect(markdown).toContain('## Against the overlap baseline');
    // Differences 0.04 and 0.02: mean 0.03, 95% t-interval 0.03 -/+ 12.706 * 0.01414 / sqrt(2).
    expect(markdown).toContain('- darl beats it on ID macro-F1 (0.730 vs 0.700; 2 of 2 seeds above it; difference +0.030, 95% interval [-0.097, +0.157], not shown) and **does not beat** it on OOD macro-F1 (0.450 vs 0.460; 1 of 2 seeds above it; difference -0.010, 95% interval [-0.264, +0.244], not shown).');
    expect(markdown).toContain('- ce-ft **does not beat** it on ID macro-F1 (0.610 vs 0.700; 0 of 2 seeds above it; difference -0.090');
    expect(markdown).toContain('## darl against ce-ft');
    expect(markdown).toContain('- ID macro-F1: +0.120, 95% interval [-0.134, +0.374] over 2 seeds (not shown).');
    expect(markdown).toContain('overlap baseline: overlap features with boosted trees');
  });

  it('leaves a report without baselines (made before they came) as it was', () => {
    const markdown = reportMarkdown(report([1], false));
    expect(markdown).not.toContain('baseline');
    expect(markdown).toContain('| darl | 0.740 |');
  });

  it('survive merging reports of different seeds', () => {
    const merged = mergeReports([report([2]), report([1])]);
    expect(merged.config.seeds).toEqual([1, 2]);
    expect(merged.baselines).toEqual(BASELINES);
    expect(mergeReports([report([1], false), report([2])]).baselines).toEqual(BASELINES);
    expect(mergeReports([report([1], false), report([2], false)])).not.toHaveProperty('baselines');
    expect(reportMarkdown(merged)).toContain('2 of 2 seeds above it');
  });
});
