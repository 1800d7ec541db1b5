import { describe, expect, it } from 'vitest';
import type { SplitMetrics } from '../metrics/evaluate-split';
import type { ExperimentReport, VariantSeedResult } from './report';
import { reportMarkdown } from './report-md';
import { summarizeSeeds } from './summarize';

const split = (macro_f1: number) => ({ n: 8, accuracy: macro_f1, macro_f1, qwk: 0, ece: 0.2, nll: 1, brier: 0.7, auc: null, 'ndcg@5': null, 'ndcg@10': null, mrr: null, 'precision@5': null, 'precision@10': null }) as unknown as SplitMetrics;
const detector = { auroc: 0.5, fpr95: 1, fpr_at_95_tpr_id: 1 };
const seed = (valF1: number | null): VariantSeedResult =>
  ({
    test_id: split(0.6), test_ood: split(0.4), ood: { mahalanobis: detector, knn: detector, msp: detector, energy: detector }, id_ood_gap: { macro_f1: 0.2 },
    ...(valF1 === null ? {} : { val_id: split(valF1) }), dasa: null, interpolation: null, seconds: {}, stages: {},
  }) as VariantSeedResult;

function reportOf(results: Record<string, VariantSeedResult[]>): ExperimentReport {
  const variants = Object.keys(results);
  return {
    config: { data: { source: 'd', examples: {} }, preset: 'nano', budget: 'quick', seeds: [1, 2], variants, variant_descriptions: {}, settings: {} },
    results: Object.fromEntries(variants.map((variant) => [variant, Object.fromEntries(results[variant].map((r, i) => [String(i + 1), r]))])),
    summary: Object.fromEntries(variants.map((variant) => [variant, summarizeSeeds(results[variant])])),
    reuse: [],
    seconds: { wall: 1, computed_by_stage: {}, by_stage: {}, per_seed: {} },
  } as unknown as ExperimentReport;
}

describe('the ID val split in the report', () => {
  it('is summarised over seeds and shown as its own results table, beside unchanged test splits', () => {
    const report = reportOf({ darl: [seed(0.5), seed(0.7)], 'ce-ft': [seed(null), seed(null)] });
    expect(report.summary.darl.val_id!.macro_f1).toMatchObject({ mean: 0.6, n: 2 });
    expect(report.summary['ce-ft'].val_id).toBeUndefined();
    expect(report.summary.darl.test_id).toEqual(report.summary['ce-ft'].test_id);
    const markdown = reportMarkdown(report);
    const section = markdown.slice(markdown.indexOf('## Results: ID val'));
    expect(section).toMatch(/\| darl \| 0\.600 ± 0\.141 \| 0\.600 ± 0\.141 \|/);
    expect(section.slice(0, section.indexOf('\n## ', 5))).not.toContain('ce-ft');
  });

  it('is absent when no variant was evaluated on val', () => {
    const report = reportOf({ darl: [seed(null), seed(null)] });
    expect(report.summary.darl.val_id).toBeUndefined();
    expect(reportMarkdown(report)).not.toContain('Results: ID val');
  });
});
