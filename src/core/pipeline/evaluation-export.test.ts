import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Example } from '../data/schema';
import { flattenLeaves, predictionRows, predictionsCsv, predictionsJson, reportCsv, reportJson, type EvaluationAbout, type EvaluationReport } from './evaluation-export';
import type { EvaluateRecord } from './stages/evaluate';

const example = (id: string, query: string, tags: string[] = []): Example => ({ id, query, item: { title: `${query} plan`, fields: {} }, grade: 1, tags } as Example);
const EXAMPLES = new Map([example('a', 'term life'), example('b', 'car, "cover"'), example('c', 'pet', ['unseen_brand', 'typos'])].map((e) => [e.id, e]));
const PREDICTIONS: EvaluateRecord['predictions'] = {
  test_id: [{ id: 'a', label: 2, probs: [0.1, 0.2, 0.7] }, { id: 'b', label: 0, probs: [0.3, 0.6, 0.1] }],
  test_ood: [{ id: 'c', label: 1, probs: [0.2, 0.5, 0.3] }],
};
const ABOUT: EvaluationAbout = { dataset: 'Tiny', datasetId: 'd1', variant: 'darl', stageKey: 'k', finishedAt: '2025-01-01T00:00:00.000Z' };

describe('evaluation export', () => {
  it('joins each prediction with its text and tags, in split order, with the predicted grade', () => {
    const rows = predictionRows(PREDICTIONS, EXAMPLES);
    expect(rows.map((row) => [row.split, row.id, row.gold, row.predicted])).toEqual([['test_id', 'a', 2, 2], ['test_id', 'b', 0, 1], ['test_ood', 'c', 1, 1]]);
    expect(rows[2]).toMatchObject({ query: 'pet', title: 'pet plan', tags: ['unseen_brand', 'typos'] });
  });

  it('writes predictions as CSV (grade names, correct, probabilities) and as JSON with what was evaluated', () => {
    const rows = predictionRows(PREDICTIONS, EXAMPLES);
    const table = Papa.parse<Record<string, string>>(predictionsCsv(rows, ['irrelevant', 'weak', 'strong']).trimEnd(), { header: true }).data;
    expect(table[1]).toEqual({ split: 'test_id', id: 'b', query: 'car, "cover"', title: 'car, "cover" plan', tags: '', gold_grade: '0', gold_name: 'irrelevant', predicted_grade: '1', predicted_name: 'weak', correct: 'false', p0: '0.3', p1: '0.6', p2: '0.1' });
    expect(table[2].tags).toBe('unseen_brand typos');
    expect(JSON.parse(predictionsJson(rows, ABOUT))).toEqual({ about: ABOUT, predictions: rows });
  });

  it('writes the report as JSON and as one CSV line per metric path', () => {
    const report = { test_id: { macro_f1: 0.5, per_class: [{ f1: 0.25 }], auc: null }, id_ood_gap: { macro_f1: 0.125 } } as unknown as EvaluationReport;
    expect(JSON.parse(reportJson(report, ABOUT))).toEqual({ about: ABOUT, ...report });
    const lines = Papa.parse<string[]>(reportCsv(report, ABOUT).trimEnd()).data;
    expect(lines[0]).toEqual(['metric', 'value']);
    expect(lines).toContainEqual(['about.variant', 'darl']);
    expect(lines).toContainEqual(['test_id.per_class.0.f1', '0.25']);
    expect(lines).toContainEqual(['test_id.auc', '']);
    expect(lines).toContainEqual(['id_ood_gap.macro_f1', '0.125']);
    expect(flattenLeaves({ a: [1, { b: 'x' }] })).toEqual([['a.0', 1], ['a.1.b', 'x']]);
  });
});
