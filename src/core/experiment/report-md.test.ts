import { describe, expect, it } from 'vitest';
import type { SplitMetrics } from '../metrics/evaluate-split';
import { REPORT_FORMAT, REPORT_VERSION, type ExperimentReport, type VariantSeedResult } from './report';
import { reportMarkdown } from './report-md';
import { summarizeSeeds } from './summarize';

const metrics = (f1: number, nll: number) =>
  ({
    n: 10, accuracy: f1, macro_f1: f1, qwk: 0.5, ece: 0.1, nll, brier: 0.6, auc: 0.8, 'ndcg@5': 0.9, 'ndcg@10': 0.92, 'random_ndcg@5': 0.79, 'random_ndcg@10': 0.81,
    mrr: 1, 'precision@5': 0.5, 'precision@10': 0.5, per_class: [], confusion_matrix: [], reliability: [], queries: 2, ranked_queries: 2,
  }) as SplitMetrics;
const detector = { auroc: 0.6, fpr95: 0.9, fpr_at_95_tpr_id: 0.7 };

function result(seed: number, withNewFields: boolean): VariantSeedResult {
  const base = { test_id: metrics(0.7, 0.8 + seed / 10), test_ood: metrics(0.5, 1.2), ood: { mahalanobis: detector, knn: detector, msp: detector, energy: detector }, id_ood_gap: { macro_f1: 0.2 }, dasa: null, interpolation: null, seconds: {}, stages: {} };
  if (!withNewFields) {
    // As a report made before these metrics: no NLL, Brier, random nDCG, scaling, breakdown or ID-positive FPR.
    const strip = ({ nll: _n, brier: _b, 'random_ndcg@5': _r5, 'random_ndcg@10': _r10, ...rest }: SplitMetrics) => rest;
    const old = { auroc: 0.6, fpr95: 0.9 };
    return { ...base, test_id: strip(base.test_id), test_ood: strip(base.test_ood), ood: { mahalanobis: old, knn: old, msp: old, energy: old } } as unknown as VariantSeedResult;
  }
  return {
    ...base,
    temperature_scaled: { test_id: { T: 1.5 + seed / 10, ece: 0.05, nll: 0.7, brier: 0.55 }, test_ood: { T: 1.5 + seed / 10, ece: 0.08, nll: 1.1, brier: 0.66 } },
    test_ood_by_shift: { typos: { n: 4, accuracy: 0.5, macro_f1: 0.4 + seed / 10 }, brand: { n: 3, accuracy: 1 / 3, macro_f1: 0.25 } },
  } as unknown as VariantSeedResult;
}

function report(withNewFields: boolean): ExperimentReport {
  const results = { darl: { '1': result(1, withNewFields), '2': result(2, withNewFields) } };
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    createdAt: '2026-01-01T00:00:00.000Z',
    config: { data: { source: 'd', fingerprint: 'f', examples: {}, pool_gold: true }, preset: 'nano', budget: 'full', seeds: [1, 2], variants: ['darl'], backend: 'wasm', variant_descriptions: {}, settings: {} },
    results,
    summary: { darl: summarizeSeeds(Object.values(results.darl)) },
    reuse: [],
    seconds: { wall: 1, computed_by_stage: {}, by_stage: {}, per_seed: { '1': {}, '2': {} } },
  } as unknown as ExperimentReport;
}

describe('report.md: calibration, random ranking, FPR conventions and the shift breakdown', () => {
  const markdown = reportMarkdown(report(true));

  it('has ECE, NLL and Brier per split, before and after the fitted temperature', () => {
    expect(markdown).toContain('## Calibration');
    expect(markdown).toContain('| variant | T | ID ECE | ID NLL | ID Brier | ID ECE (T) | ID NLL (T) | ID Brier (T) | OOD ECE | OOD NLL | OOD Brier | OOD ECE (T) | OOD NLL (T) | OOD Brier (T) |');
    // T: 1.6 and 1.7 -> 1.65 ± 0.07; ID NLL 0.9 and 1.0 -> 0.950 ± 0.071.
    expect(markdown).toContain('| darl | 1.65 ± 0.07 | 0.100 ± 0.000 | 0.950 ± 0.071 | 0.600 ± 0.000 | 0.050 ± 0.000 | 0.700 ± 0.000 | 0.550 ± 0.000 | 0.100 ± 0.000 | 1.200 ± 0.000 |');
    expect(markdown).toMatch(/clipped below at 1e-12/);
    expect(markdown).toMatch(/fitted on ID val rows by minimising NLL/);
  });

  it('puts the expected random-ranking nDCG beside the variants\' nDCG', () => {
    expect(markdown).toContain('| *random ranking (expected)* | – | – | – | – | – | 0.790 | 0.810 |');
    expect(markdown).toMatch(/random ranking\* row is the expected nDCG .* computed exactly/);
  });

  it('states the FPR@95 convention and shows the ID-positive FPR beside it', () => {
    expect(markdown).toContain('FPR@95 takes OOD as the positive class: the share of ID test flagged as OOD at the highest threshold where at least 95% of OOD test is flagged');
    expect(markdown).toContain('FPR@95 (ID+) takes ID as the positive class');
    expect(markdown).toContain('| variant | Mahalanobis AUROC | Mahalanobis FPR@95 | Mahalanobis FPR@95 (ID+) | kNN AUROC |');
    expect(markdown).toContain('| darl | 0.600 ± 0.000 | 0.900 ± 0.000 | 0.700 ± 0.000 | 0.600 ± 0.000 |');
  });

  it('breaks OOD test macro-F1 down by shift tag', () => {
    expect(markdown).toContain('## OOD test by shift');
    expect(markdown).toContain('| variant | brand (n 3) | typos (n 4) |');
    expect(markdown).toContain('| darl | 0.250 ± 0.000 | 0.550 ± 0.071 |');
  });

  it('leaves the new parts out for a report made before them', () => {
    const old = reportMarkdown(report(false));
    for (const absent of ['## Calibration', '## OOD test by shift', 'random ranking', '(ID+)', 'NLL']) expect(old).not.toContain(absent);
    expect(old).toContain('FPR@95 takes OOD as the positive class');
    expect(old).toContain('| darl | 0.700 ± 0.000 |');
  });
});
